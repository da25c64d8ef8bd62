import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedWithObjective } from '../../src/eval/embed-with-objective.js';
import { extractEmbeddings } from '../../src/eval/extract-embeddings.js';
import { Rng } from '../../src/tensor/rng.js';
import { useTestBackend } from '../helpers/backend.js';
import { fakeObjective } from './fixtures.js';

function randomInputs(seed: number, shape: number[]): tf.Tensor {
  const rng = new Rng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape);
}

async function values(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

describe('extractEmbeddings', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('matches one big predict, whatever the batch size, and leaks nothing', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
    const x = randomInputs(1, [10, 5]);
    const expected = model.predict(x) as tf.Tensor;
    const before = tf.memory().numTensors;
    for (const batchSize of [1, 3, 10, 64]) {
      const z = await extractEmbeddings(model, x, { batchSize });
      expect(z.shape).toEqual([10, 3]);
      const got = await values(z);
      (await values(expected)).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
      z.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, expected]);
    model.dispose();
  });

  it('runs models in inference mode (dropout off) and flattens rank > 2 outputs', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 6, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        tf.layers.dropout({ rate: 0.5 }),
        tf.layers.reshape({ targetShape: [2, 3] }),
      ],
    });
    const x = randomInputs(2, [7, 4]);
    const a = await extractEmbeddings(model, x, { batchSize: 2 });
    expect(a.shape).toEqual([7, 6]);
    const plain = tf.tidy(() => tf.reshape(model.layers[0]!.apply(x) as tf.Tensor, [7, 6]));
    const got = await values(a);
    (await values(plain)).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
    tf.dispose([a, plain, x]);
    model.dispose();
  });

  it('accepts a function embedder and rejects bad settings', async () => {
    const x = randomInputs(3, [5, 2, 2]);
    const z = await extractEmbeddings((t) => tf.mul(t, 2), x, { batchSize: 2 });
    expect(z.shape).toEqual([5, 4]);
    const expected = await values(x);
    (await values(z)).forEach((v, i) => expect(v).toBeCloseTo(2 * expected[i]!, 6));
    await expect(extractEmbeddings((t) => t, x, { batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(extractEmbeddings((t) => tf.sum(t), x)).rejects.toThrow(/shape/);
    tf.dispose([x, z]);
  });
});

describe('embedWithObjective', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('uses objective.embed when present, else encoder.predict(batch.x)', async () => {
    const encoder = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, kernelInitializer: 'ones' })] });
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6], [0, 0, 1]]);
    const other = tf.tensor2d([[1], [2], [3]]);
    const viaEncoder = await embedWithObjective(fakeObjective(encoder), x, 2);
    expect(await values(viaEncoder)).toEqual([6, 6, 15, 15, 1, 1]);
    const viaEmbed = await embedWithObjective(fakeObjective(encoder, (b) => tf.concat([b.x!, b.other!], 1) as tf.Tensor2D), { x, other }, 2);
    expect(await values(viaEmbed)).toEqual([1, 2, 3, 1, 4, 5, 6, 2, 0, 0, 1, 3]);
    await expect(embedWithObjective(fakeObjective(encoder), { x, other: tf.zeros([2, 1]) })).rejects.toThrow(/examples/);
    tf.dispose([x, other, viaEncoder, viaEmbed]);
    encoder.dispose();
  });
});
