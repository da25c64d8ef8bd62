import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, expect } from 'vitest';
import { ModelIOError } from '../../src/io/index.js';
import { Rng } from '../../src/tensor/rng.js';

const dirs: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pretext-io-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A seeded float32 tensor of standard-normal values. */
export function seededTensor(shape: number[], seed: number): tf.Tensor {
  const rng = new Rng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape, 'float32');
}

/** Largest absolute element-wise difference of two same-shaped tensors (reads, does not dispose). */
export async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shapes differ: [${a.shape}] vs [${b.shape}]`);
  const [x, y] = await Promise.all([a.data(), b.data()]);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(Number(x[i]) - Number(y[i])));
  return m;
}

/** Runs `model.predict(x)` and returns the largest difference between two models' outputs. */
export async function predictionDiff(a: tf.LayersModel, b: tf.LayersModel, x: tf.Tensor): Promise<number> {
  const ya = a.predict(x) as tf.Tensor;
  const yb = b.predict(x) as tf.Tensor;
  try {
    return await maxAbsDiff(ya, yb);
  } finally {
    tf.dispose([ya, yb]);
  }
}

/** A small seeded conv + batch-norm + dense encoder: [B, 8, 8, 3] → [B, 16]. */
export function convDenseModel(seed: number): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  const input = tf.input({ shape: [8, 8, 3] });
  let h = tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: init(1), biasInitializer: 'ones' }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
  h = tf.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 16, kernelInitializer: init(2), biasInitializer: 'zeros' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

/** Gives every weight of `model` seeded random values (so that nothing equals its initializer). */
export function randomizeWeights(model: tf.LayersModel, seed: number): void {
  model.weights.forEach((w, i) => {
    const v = seededTensor(w.shape as number[], seed * 1000 + i);
    const positive = w.name.includes('moving_variance') ? tf.tidy(() => v.abs().add(0.5)) : v;
    w.write(positive);
    tf.dispose([v, positive]);
  });
}

/** Disposes tensors and models (each through its own `dispose`). */
export function disposeAll(...things: { dispose(): unknown }[]): void {
  for (const t of things) t.dispose();
}

/**
 * Asserts that `load` is refused with a {@link ModelIOError} naming `file` and matching `pattern`,
 * and that the failed load leaves no tensor behind.
 */
export async function expectLoadRefused(load: () => Promise<tf.LayersModel>, file: string, pattern: RegExp): Promise<void> {
  const before = tf.memory().numTensors;
  const err = await load().then(
    (m) => {
      m.dispose();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelIOError);
  expect((err as ModelIOError).file).toBe(file);
  expect((err as Error).message).toContain(file);
  expect((err as Error).message).toMatch(pattern);
  expect(tf.memory().numTensors).toBe(before);
}
