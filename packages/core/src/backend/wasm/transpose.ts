import type * as tf from '@tensorflow/tfjs';
import { withKernelScope } from './kernel-scope.js';
import type { TrainingKernel } from './registration.js';

/** A transpose reduced to its essentials: size-1 axes dropped, axes that stay adjacent merged. */
export interface TransposePlan {
  readonly shape: number[];
  readonly perm: number[];
}

/**
 * Simplifies `perm` on `shape`: drops size-1 axes and merges runs of axes that remain adjacent
 * and in order (e.g. `[B, T, H, D]` with perm `[0, 2, 1, 3]` stays rank 4, while `[0, 1, 3, 2]` on
 * `[2, 3, 4, 5]` becomes `[6, 4, 5]` with perm `[0, 2, 1]`). The data movement is the same.
 */
export function simplifyTranspose(shape: readonly number[], perm: readonly number[]): TransposePlan {
  const kept = perm.filter((a) => shape[a] !== 1);
  const keptAxes = shape.map((_, i) => i).filter((i) => shape[i] !== 1);
  const rank = new Map(keptAxes.map((a, i) => [a, i]));
  const p = kept.map((a) => rank.get(a)!);
  const dims = keptAxes.map((a) => shape[a]!);
  // Runs of consecutive input axes in the output order become one axis.
  const runs: number[][] = [];
  for (const a of p) {
    const last = runs.at(-1);
    if (last && last.at(-1)! + 1 === a) last.push(a);
    else runs.push([a]);
  }
  const byInput = [...runs].sort((x, y) => x[0]! - y[0]!);
  return {
    shape: byInput.map((run) => run.reduce((n, a) => n * dims[a]!, 1)),
    perm: runs.map((run) => byInput.indexOf(run)),
  };
}

/**
 * `Transpose` override: a permutation of rank ≥ 5 (after {@link simplifyTranspose}), which stock
 * wasm runs through a generic per-element path (≈60 ms for the `[B, T, 3, H, d]` → `[3, B, H, T, d]`
 * of a fused attention projection, 400× its rank-4 kernel), becomes a chain of rank-4
 * `[L, M, A, R] → [L, A, M, R]` transposes, one per misplaced axis. Rank ≤ 4 and strings go to
 * the stock kernel.
 */
export const transposeKernel: TrainingKernel = {
  name: 'Transpose',
  build: (original) => (args) => {
    if (!original) throw new Error('Transpose (wasm): the stock kernel is missing');
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { perm } = args.attrs as unknown as tf.TransposeAttrs;
    const plan = simplifyTranspose(x.shape, perm);
    if (plan.perm.length <= 4 || x.dtype === 'string') return original.kernelFunc(args);
    const stock = (t: tf.TensorInfo, p: number[]): tf.TensorInfo =>
      original.kernelFunc({ inputs: { x: t }, backend: args.backend, attrs: { perm: p } }) as tf.TensorInfo;
    return withKernelScope(args.backend, 'Transpose', (s) => {
      let order = plan.shape.map((_, i) => i); // input axis held at each position of `t`
      let t = x;
      const size = (axes: number[]): number => axes.reduce((n, a) => n * plan.shape[a]!, 1);
      plan.perm.forEach((axis, i) => {
        const j = order.indexOf(axis);
        if (j === i) return;
        const view = s.reshape(t, [size(order.slice(0, i)), size(order.slice(i, j)), plan.shape[axis]!, size(order.slice(j + 1))]);
        t = s.track(stock(view, [0, 2, 1, 3]));
        order = [...order.slice(0, i), axis, ...order.slice(i, j), ...order.slice(j + 1)];
      });
      return s.reshape(t, perm.map((a) => x.shape[a]!));
    });
  },
};
