import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearProbe } from '../../src/eval/linear-probe.js';
import { Rng } from '../../src/tensor/rng.js';
import { useTestBackend } from '../helpers/backend.js';
import { gaussianClusters } from './fixtures.js';

function clusters(seed: number, perClass: number) {
  const c = gaussianClusters(seed, { classes: 4, perClass, dim: 16, spread: 1, separation: 4 });
  // large offset and scale: the probe standardises features
  const x = tf.tidy(() => tf.add(tf.mul(tf.tensor2d(c.x, [c.n, 16]), 50), 1000)) as tf.Tensor2D;
  return { features: x, labels: c.y };
}

async function argmaxRows(t: tf.Tensor): Promise<number[]> {
  const a = tf.argMax(t, 1);
  const v = Array.from(await a.data());
  a.dispose();
  return v;
}

describe('linearProbe', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('separates linearly separable clusters and returns a head on RAW features', async () => {
    const train = clusters(1, 60);
    const test = clusters(2, 50);
    const before = tf.memory().numTensors;
    const probe = await linearProbe(train, { test, seed: 3, maxEpochs: 40, batchSize: 64 });
    expect(probe.testAccuracy).toBeGreaterThan(0.95);
    expect(probe.valAccuracy).toBeGreaterThan(0.95);
    expect(probe.epochs).toBeGreaterThan(0);
    expect(probe.bestEpoch).toBeLessThanOrEqual(probe.epochs);
    // the head folds the standardisation in: its argmax on raw test features gives the reported accuracy
    const logits = probe.head.predict(test.features) as tf.Tensor;
    const predicted = await argmaxRows(logits);
    logits.dispose();
    const acc = predicted.filter((p, i) => p === test.labels[i]).length / predicted.length;
    expect(acc).toBeCloseTo(probe.testAccuracy, 6);
    probe.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([train.features, test.features]);
  });

  it('standardize: false keeps sparse features as they are (a rare term does not blow up)', async () => {
    // Feature 0 carries the class; feature 1 appears in three training rows (faintly, class 0) and
    // strongly in every class-1 test row. Standardised, its tiny training std turns the test value
    // into a huge class-0 vote; raw, it is a small nudge.
    const n = 40;
    const x = new Float32Array(n * 2);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      x[2 * i] = i % 2;
    }
    for (const r of [0, 2, 4]) x[2 * r + 1] = 0.01; // class-0 rows
    const tx = new Float32Array(20 * 2);
    const ty = new Int32Array(20);
    for (let i = 0; i < 20; i++) {
      ty[i] = i % 2;
      tx[2 * i] = i % 2;
      tx[2 * i + 1] = i % 2;
    }
    const train = { features: tf.tensor2d(x, [n, 2]), labels: y };
    const test = { features: tf.tensor2d(tx, [20, 2]), labels: ty };
    const options = { test, seed: 1, maxEpochs: 60, learningRate: 0.05, valFraction: 0.25 };
    const raw = await linearProbe(train, { ...options, standardize: false });
    const standardised = await linearProbe(train, options);
    expect(raw.testAccuracy).toBe(1);
    expect(standardised.testAccuracy).toBeLessThan(raw.testAccuracy);
    raw.head.dispose();
    standardised.head.dispose();
    tf.dispose([train.features, test.features]);
  });

  it('stops early when the validation loss stops improving (noisy labels)', async () => {
    // 40-dimensional noise with random labels: the probe overfits and the validation loss rises.
    const rng = new Rng(5);
    const n = 120;
    const features = tf.tensor2d(Float32Array.from({ length: n * 40 }, () => rng.normal()), [n, 40]);
    const labels = Array.from({ length: n }, () => rng.int(2));
    const probe = await linearProbe({ features, labels }, { seed: 1, maxEpochs: 300, patience: 5, learningRate: 0.05, l2: 0, batchSize: 32 });
    expect(probe.stoppedEarly).toBe(true);
    expect(probe.epochs).toBeLessThan(300);
    expect(probe.epochs - probe.bestEpoch).toBe(5);
    expect(Number.isNaN(probe.testAccuracy)).toBe(true);
    probe.head.dispose();
    features.dispose();
  });

  it('chooses the L2 penalty on validation from a grid, deterministically for a seed', async () => {
    const train = clusters(6, 30);
    const grid = [1e-4, 1e-2, 10];
    const a = await linearProbe(train, { l2: grid, seed: 2, maxEpochs: 15, batchSize: 32 });
    const b = await linearProbe(train, { l2: grid, seed: 2, maxEpochs: 15, batchSize: 32 });
    expect(a.trials.map((t) => t.l2)).toEqual(grid);
    expect(grid).toContain(a.l2);
    expect(a.l2).not.toBe(10); // a heavy penalty cannot fit as well
    const best = a.trials.find((t) => t.l2 === a.l2)!;
    for (const t of a.trials) expect(best.valAccuracy).toBeGreaterThanOrEqual(t.valAccuracy);
    expect({ ...b, head: null }).toEqual({ ...a, head: null });
    const [wa, wb] = [a.head.getWeights()[0]!, b.head.getWeights()[0]!];
    expect(Array.from(await wa.data())).toEqual(Array.from(await wb.data()));
    a.head.dispose();
    b.head.dispose();
    train.features.dispose();
  });

  it('rejects mismatched labels and bad settings', async () => {
    const features = tf.zeros([4, 3]) as tf.Tensor2D;
    await expect(linearProbe({ features, labels: [0, 1, 0] })).rejects.toThrow(/3 labels for 4/);
    await expect(linearProbe({ features, labels: [0, 1, 0, 1] }, { l2: -1 })).rejects.toThrow(/l2/);
    await expect(linearProbe({ features, labels: [0, 1, 0, 1] }, { patience: 0 })).rejects.toThrow(/patience/);
    await expect(linearProbe({ features, labels: [0, 0, 0, 0] })).rejects.toThrow(/numClasses/);
    features.dispose();
  });
});
