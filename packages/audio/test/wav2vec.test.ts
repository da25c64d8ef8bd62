import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createObjective, Rng, tf, Trainer } from '@pretext/core';
import { GumbelQuantizer, spanMask, Wav2vec, waveBatches } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';
import { toneClips } from './helpers/tones.js';

const TINY = {
  encoder: { channels: 16 },
  context: { dModel: 16, layers: 1, heads: 2, positionKernel: 5 },
  mask: { span: 3 },
  quantizer: { groups: 2, entries: 8, codeDim: 8 },
  finalDim: 8,
  distractors: 6,
  seed: 4,
};
let waves: tf.Tensor2D;

beforeAll(async () => {
  await useTestBackend();
  waves = toneClips(16, 3200, 2);
});
afterAll(() => waves.dispose());

describe('span masking', () => {
  test('p = 0.065, M = 10 masks about half the frames, in spans, in every utterance', () => {
    const mask = spanMask(new Rng(1), 20, 500, { startProbability: 0.065, span: 10 });
    const fraction = mask.reduce((s, v) => s + v, 0) / mask.length;
    expect(fraction).toBeGreaterThan(0.4);
    expect(fraction).toBeLessThan(0.56); // 1 − (1 − 0.065)^10 ≈ 0.49
    const short = spanMask(new Rng(2), 4, 12, { startProbability: 0, span: 3 });
    for (let b = 0; b < 4; b++) expect(short.subarray(b * 12, b * 12 + 12).reduce((s, v) => s + v, 0)).toBe(3); // minSpans 1
    expect(spanMask(new Rng(1), 20, 500, { startProbability: 0.065, span: 10 })).toEqual(mask);
  });
});

describe('Gumbel product quantizer', () => {
  test('hard codes forward, straight-through gradients backward, diversity in [0, 1)', () => {
    const q = new GumbelQuantizer({ groups: 2, entries: 4, codeDim: 6, seed: 1 });
    const x = tf.randomNormal([10, 5], 0, 1, 'float32', 1) as tf.Tensor2D;
    q.build(x.shape);
    const out = q.quantize(x, 1, 7);
    expect(out.vectors.shape).toEqual([10, 6]);
    // every 3-wide group of each row is one of the 4 entries of its codebook
    const books = (q.getWeights()[2]!.arraySync() as number[][][]);
    const rows = out.vectors.arraySync() as number[][];
    for (const r of rows) for (let g = 0; g < 2; g++) expect(books[g]!.some((e) => e.every((v, i) => Math.abs(v - r[g * 3 + i]!) < 1e-6))).toBe(true);
    const div = out.diversityLoss.dataSync()[0]!;
    expect(div).toBeGreaterThanOrEqual(0);
    expect(div).toBeLessThan(1);
    const kernel = q.trainableWeights[0]!.read() as tf.Variable;
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(q.quantize(x, 1, 7).vectors)) as tf.Scalar, [kernel]);
    expect(tf.any(tf.notEqual(grads[kernel.name]!, 0)).dataSync()[0]).toBe(1);
    expect(() => new GumbelQuantizer({ groups: 3, entries: 4, codeDim: 8 })).toThrow(/not divisible/);
  });
});

describe('wav2vec', () => {
  test('is registered, anneals the Gumbel temperature, trains with a falling loss and no leaks', async () => {
    const objective = createObjective('wav2vec', TINY) as Wav2vec;
    expect(objective).toBeInstanceOf(Wav2vec);
    expect(objective.gumbelTemperatureAt(0, 100)).toBeCloseTo(2);
    expect(objective.gumbelTemperatureAt(99, 100)).toBeCloseTo(0.5);
    const trainer = new Trainer(objective, { lr: 3e-3, seed: 1, progress: 'none', logEvery: 1 });
    const before = tf.memory().numTensors;
    const result = await trainer.fit(waveBatches(waves, { batchSize: 8, seed: 1 }), { steps: 14 });
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const losses = result.history.losses;
    expect(losses.every(Number.isFinite)).toBe(true);
    const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)));
    expect(objective.lastStats!.maskedFraction).toBeGreaterThan(0);
    const emb = objective.embed({ wave: waves });
    expect(emb.shape).toEqual([16, 16]);
    emb.dispose();
    objective.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before - 40); // its variables are gone
  });
});
