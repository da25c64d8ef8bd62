import * as tf from '@tensorflow/tfjs';
import { createHeapView, releaseHeapView, xnnMatMul } from './heap-views.js';
import { KernelScope, withKernelScope } from './kernel-scope.js';
import type { TrainingKernel } from './registration.js';

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Index into a (possibly broadcast) batch shape of the `flat`-th batch of `outShape`. */
function broadcastIndex(flat: number, outShape: number[], shape: number[]): number {
  let index = 0;
  let stride = 1;
  let rest = flat;
  for (let i = outShape.length - 1, j = shape.length - 1; i >= 0; i--, j--) {
    const coord = rest % outShape[i]!;
    rest = Math.floor(rest / outShape[i]!);
    if (j >= 0) {
      if (shape[j]! !== 1) index += coord * stride;
      stride *= shape[j]!;
    }
  }
  return index;
}

/**
 * `out[at] = a[at: rows×K] @ b[at: K×N]` on heap views. The C++ side caches the XNNPACK operator
 * (with the packed weights) under the id of `b` alone, not its shape: a fresh view id per call
 * keeps a reshaped tensor from ever meeting an operator packed for another shape.
 */
function matMulViews(
  s: KernelScope, a: tf.TensorInfo, aAt: number, rows: number, b: tf.TensorInfo, bAt: number,
  out: tf.TensorInfo, outAt: number, k: number, n: number,
): void {
  const va = createHeapView(s.backend, a, aAt, [1, rows, k]);
  const vb = createHeapView(s.backend, b, bAt, [1, k, n]);
  const vo = createHeapView(s.backend, out, outAt, [1, rows, n]);
  try {
    xnnMatMul(s.backend, va, vb, vo);
  } finally {
    releaseHeapView(s.backend, va);
    releaseHeapView(s.backend, vb);
    releaseHeapView(s.backend, vo);
  }
}

/**
 * `op(a) @ op(b)` for float32 tensors of rank ≥ 2 with broadcast batch dimensions, through
 * XNNPACK only: operands are transposed explicitly, a shared right operand folds the batch into
 * the rows of one GEMM, and otherwise each batch slice runs on zero-copy heap views.
 */
export function fastBatchMatMul(s: KernelScope, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): tf.TensorInfo {
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = transposeA ? a.shape[ar - 1]! : a.shape[ar - 2]!;
  const k = transposeA ? a.shape[ar - 2]! : a.shape[ar - 1]!;
  const kb = transposeB ? b.shape[br - 1]! : b.shape[br - 2]!;
  const n = transposeB ? b.shape[br - 2]! : b.shape[br - 1]!;
  if (k !== kb) {
    throw new Error(`BatchMatMul: inner dimensions ${k} and ${kb} of [${a.shape.join(',')}] and [${b.shape.join(',')}] ` +
      `(transposeA=${transposeA}, transposeB=${transposeB}) must match`);
  }
  const aOuter = a.shape.slice(0, -2);
  const bOuter = b.shape.slice(0, -2);
  const outOuter = tf.broadcast_util.assertAndGetBroadcastShape(aOuter, bOuter);
  const outShape = [...outOuter, m, n];
  const aBatch = size(aOuter);
  const bBatch = size(bOuter);
  const outBatch = size(outOuter);
  if (m === 0 || n === 0 || k === 0 || outBatch === 0) return s.fill(outShape, 0);

  let a3 = s.reshape(a, transposeA ? [aBatch, k, m] : [aBatch, m, k]);
  if (transposeA) a3 = s.transpose(a3, [0, 2, 1]);
  let b3 = s.reshape(b, transposeB ? [bBatch, n, k] : [bBatch, k, n]);
  if (transposeB) b3 = s.transpose(b3, [0, 2, 1]);

  if (bBatch === 1 && aBatch === outBatch) {
    // b is shared: one [aBatch*M, K] @ [K, N] GEMM.
    const out = s.track(s.backend.makeOutput([1, aBatch * m, n], 'float32'));
    matMulViews(s, a3, 0, aBatch * m, b3, 0, out, 0, k, n);
    return s.reshape(out, outShape);
  }
  const out = s.track(s.backend.makeOutput([outBatch, m, n], 'float32'));
  for (let i = 0; i < outBatch; i++) {
    const ai = broadcastIndex(i, outOuter, aOuter);
    const bi = broadcastIndex(i, outOuter, bOuter);
    matMulViews(s, a3, ai * m * k, m, b3, bi * k * n, out, i * m * n, k, n);
  }
  return s.reshape(out, outShape);
}

/**
 * `BatchMatMul` override. Stock wasm uses XNNPACK only for batch 1 without transposes and a
 * scalar loop otherwise (0.7–1.6 instead of ~17 GFLOP/s), which makes attention and every
 * matmul gradient slow. Non-float32 inputs go to the stock kernel (which rejects them).
 */
export const batchMatMulKernel: TrainingKernel = {
  name: 'BatchMatMul',
  build: (original) => (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if ((a.dtype !== 'float32' || b.dtype !== 'float32') && original) return original.kernelFunc(args);
    return withKernelScope(args.backend, 'BatchMatMul', (s) => fastBatchMatMul(s, a, b, transposeA ?? false, transposeB ?? false));
  },
};
