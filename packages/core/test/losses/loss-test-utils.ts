import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { Rng } from '../../src/tensor/rng.js';

/** Reads a scalar loss and disposes it. */
export async function scalarValue(t: tf.Tensor): Promise<number> {
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
}

/** A seeded float32 tensor of standard-normal values. */
export function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = new Rng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: size }, () => rng.normal()), shape, 'float32');
}

/** Σᵢ exp(xᵢ) computed in float64, for hand-computed expectations. */
export function logSumExp(xs: number[]): number {
  return Math.log(xs.reduce((s, x) => s + Math.exp(x), 0));
}

/**
 * Compares tf.grads of `f` with central finite differences, element by element:
 * |analytic − numeric| ≤ atol + rtol·|numeric|. `f` is evaluated in float32, so h is not tiny.
 */
export async function expectGradientsMatchFiniteDifferences(
  f: (...xs: tf.Tensor[]) => tf.Scalar,
  inputs: tf.Tensor[],
  { h = 1e-2, atol = 2e-3, rtol = 1e-2 }: { h?: number; atol?: number; rtol?: number } = {},
): Promise<void> {
  const grads = tf.grads((...xs: tf.Tensor[]) => f(...xs))(inputs);
  const analytic = await Promise.all(grads.map((g) => g.data()));
  tf.dispose(grads);
  const values = await Promise.all(inputs.map((x) => x.data()));
  let checked = 0;
  let nonZero = 0;
  for (let k = 0; k < inputs.length; k++) {
    const base = Float32Array.from(values[k]!);
    for (let i = 0; i < base.length; i++) {
      const at = async (delta: number): Promise<number> => {
        const shifted = Float32Array.from(base);
        shifted[i] = shifted[i]! + delta;
        const moved = tf.tensor(shifted, inputs[k]!.shape, 'float32');
        const value = await scalarValue(f(...inputs.map((x, j) => (j === k ? moved : x))));
        moved.dispose();
        return value;
      };
      const numeric = ((await at(h)) - (await at(-h))) / (2 * h);
      const got = analytic[k]![i]!;
      const ok = Math.abs(got - numeric) <= atol + rtol * Math.abs(numeric);
      expect(ok, `input ${k} element ${i}: analytic ${got} vs finite difference ${numeric}`).toBe(true);
      checked++;
      if (Math.abs(numeric) > 10 * atol) nonZero++;
    }
  }
  // A check where every gradient is ~0 would pass for a wrong (zero) gradient too.
  expect(nonZero).toBeGreaterThan(checked / 3);
}

/**
 * Checks that `f(...inputs)` allocates exactly its result (no intermediate survives), and that
 * its forward and backward passes inside tf.tidy leave the tensor count unchanged.
 */
export function expectNoLeak(f: (...xs: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[]): void {
  const before = tf.memory().numTensors;
  const out = f(...inputs);
  expect(tf.memory().numTensors).toBe(before + 1);
  out.dispose();
  tf.tidy(() => {
    f(...inputs);
  });
  expect(tf.memory().numTensors).toBe(before);
  tf.tidy(() => {
    tf.grads((...xs: tf.Tensor[]) => f(...xs))(inputs);
  });
  expect(tf.memory().numTensors).toBe(before);
}
