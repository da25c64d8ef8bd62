import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fineTune } from '../../src/eval/fine-tune.js';
import { supervisedBaseline } from '../../src/eval/supervised-baseline.js';
import { Rng } from '../../src/tensor/rng.js';
import { useTestBackend } from '../helpers/backend.js';
import { mlpEncoder, weightValues } from './fixtures.js';

/** XOR of the signs of two coordinates: not linearly separable, needs the encoder to adapt. */
function xorTask(seed: number, n: number): { inputs: tf.Tensor2D; labels: number[] } {
  const rng = new Rng(seed);
  const labels: number[] = [];
  const x: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.next() < 0.5 ? -1 : 1;
    const b = rng.next() < 0.5 ? -1 : 1;
    x.push(a + 0.25 * rng.normal(), b + 0.25 * rng.normal());
    labels.push(a * b > 0 ? 1 : 0);
  }
  return { inputs: tf.tensor2d(x, [n, 2]), labels };
}

const settings = { learningRate: 0.02, encoderLrScale: 0.5, batchSize: 32, maxEpochs: 60, patience: 8, seed: 1 };

describe('fineTune', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('improves over the initial accuracy and never modifies the caller’s encoder', async () => {
    const train = xorTask(1, 240);
    const test = xorTask(2, 200);
    const pretrained = mlpEncoder(7, 2, 32, 8);
    const original = await weightValues(pretrained);
    const before = tf.memory().numTensors;
    const ft = await fineTune(pretrained, train, { ...settings, test });
    expect(ft.initialValAccuracy).toBeLessThan(0.75);
    expect(ft.testAccuracy).toBeGreaterThan(0.9);
    expect(ft.valAccuracy).toBeGreaterThan(ft.initialValAccuracy + 0.2);
    expect(ft.encoder).not.toBe(pretrained);
    // the caller's weights are bit-for-bit unchanged; the copy's moved
    expect(await weightValues(pretrained)).toEqual(original);
    const tuned = await weightValues(ft.encoder);
    expect(tuned.some((w, i) => w.some((v, j) => v !== original[i]![j]))).toBe(true);
    ft.encoder.dispose();
    ft.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
    pretrained.dispose();
    tf.dispose([train.inputs, test.inputs]);
  });

  it('copies through a user-supplied encoder factory, starting from the pre-trained weights', async () => {
    const train = xorTask(3, 60);
    const pretrained = mlpEncoder(8, 2, 16, 4);
    const original = await weightValues(pretrained);
    const seeds: number[] = [];
    const factory = (seed: number) => {
      seeds.push(seed);
      return mlpEncoder(100 + seed, 2, 16, 4);
    };
    // encoderLrScale 0 freezes the encoder: the copy keeps exactly the pre-trained weights
    const ft = await fineTune(pretrained, train, { ...settings, encoderLrScale: 0, maxEpochs: 2, encoderFactory: factory, seed: 4 });
    expect(seeds).toEqual([4]);
    expect(await weightValues(ft.encoder)).toEqual(original);
    expect(await weightValues(pretrained)).toEqual(original);
    ft.encoder.dispose();
    ft.head.dispose();
    await expect(fineTune(pretrained, train, { encoderFactory: () => pretrained })).rejects.toThrow(/new model/);
    await expect(fineTune(pretrained, train, { encoderFactory: () => mlpEncoder(1, 2, 5, 4) })).rejects.toThrow(/do not match/);
    pretrained.dispose();
    train.inputs.dispose();
  });
});

describe('supervisedBaseline', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('trains the same architecture from scratch (not from the given weights)', async () => {
    const train = xorTask(5, 240);
    const test = xorTask(6, 200);
    const pretrained = mlpEncoder(9, 2, 32, 8);
    const original = await weightValues(pretrained);
    const before = tf.memory().numTensors;
    const base = await supervisedBaseline(train, { ...settings, architecture: pretrained, test });
    expect(base.encoder).not.toBe(pretrained);
    expect(base.encoder.weights.map((w) => w.shape)).toEqual(pretrained.weights.map((w) => w.shape));
    expect(await weightValues(pretrained)).toEqual(original);
    const fresh = await weightValues(base.encoder);
    fresh.forEach((w, i) => expect(w).not.toEqual(original[i]));
    expect(base.testAccuracy).toBeGreaterThan(0.85);
    base.encoder.dispose();
    base.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
    pretrained.dispose();
    tf.dispose([train.inputs, test.inputs]);
  });

  it('builds the fresh encoder with the factory and the seed, reproducibly', async () => {
    const train = xorTask(7, 80);
    const factory = (seed: number) => mlpEncoder(seed, 2, 8, 4);
    const a = await supervisedBaseline(train, { ...settings, maxEpochs: 3, encoderFactory: factory, seed: 11 });
    const b = await supervisedBaseline(train, { ...settings, maxEpochs: 3, encoderFactory: factory, seed: 11 });
    expect(await weightValues(a.encoder)).toEqual(await weightValues(b.encoder));
    expect(a.valAccuracy).toBe(b.valAccuracy);
    for (const r of [a, b]) {
      r.encoder.dispose();
      r.head.dispose();
    }
    await expect(supervisedBaseline(train, {})).rejects.toThrow(/encoderFactory/);
    train.inputs.dispose();
  });
});
