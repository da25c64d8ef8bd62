import { afterAll, beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/init-backend.js';

/** A computation compared across backends: returns the tensors to compare (values, gradients). */
export interface BackendCase {
  readonly name: string;
  readonly run: () => tf.Tensor[];
}

/** Activates wasm with Pretext's training kernels (strict: never falls back to cpu). */
export async function useWasm(): Promise<void> {
  await initBackend({ prefer: 'wasm', strict: true, env: {} });
}

/** Activates the pure-JS reference backend. */
export async function useCpu(): Promise<void> {
  await initBackend({ prefer: 'cpu', strict: true, env: {} });
}

/** Runs a case in a tidy scope and reads every output; nothing is left allocated. */
export async function evaluate(run: () => tf.Tensor[]): Promise<Float32Array[]> {
  const outs = tf.tidy(run);
  try {
    return await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
  } finally {
    tf.dispose(outs);
  }
}

/** Largest absolute element difference between two lists of arrays (Infinity on a shape mismatch). */
export function maxAbsDiff(got: Float32Array[], want: Float32Array[]): number {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  got.forEach((g, i) => {
    const w = want[i]!;
    if (g.length !== w.length) worst = Infinity;
    for (let j = 0; j < g.length && worst !== Infinity; j++) {
      const d = Math.abs(g[j]! - w[j]!);
      worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
    }
  });
  return worst;
}

/** Seeded standard-normal tensor. */
export const randn = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0, 1, 'float32', seed);

/** `[f(x...), ...d sum(f(x...) * dy) / dx]` for a fixed random `dy`: the value and every input gradient. */
export function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], seed = 99): tf.Tensor[] {
  const y = f(...xs);
  const dy = randn(y.shape, seed);
  const grads = tf.grads((...args: tf.Tensor[]) => tf.sum(tf.mul(f(...args), dy)))(xs);
  return [y, ...grads];
}

/**
 * Declares one test per case: the case runs on `cpu` (reference, computed first) and on `wasm`
 * with the training kernels; every output must agree within `tolerance` (max absolute
 * difference), and the wasm run must leave no tensor behind.
 */
export function compareWithCpu(cases: readonly BackendCase[], tolerance = 1e-4): void {
  const reference = new Map<string, Float32Array[]>();
  const diffs: Array<[string, number]> = [];
  beforeAll(async () => {
    await useWasm(); // installs the training kernels and gradients first: both backends then share the gradients
    await useCpu();
    for (const c of cases) reference.set(c.name, await evaluate(c.run));
    await useWasm();
  });
  afterAll(() => {
    if (process.env.PRETEXT_REPORT_DIFFS) {
      for (const [name, d] of diffs) console.info(`max abs diff ${d.toExponential(2)}  ${name}`);
    }
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = tf.memory().numTensors;
    const got = await evaluate(c.run);
    expect(tf.memory().numTensors).toBe(before);
    const want = reference.get(c.name)!;
    expect(got.map((g) => g.length)).toEqual(want.map((w) => w.length));
    const diff = maxAbsDiff(got, want);
    diffs.push([c.name, diff]);
    expect(diff).toBeLessThanOrEqual(tolerance);
  });
}
