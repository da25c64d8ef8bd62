import type * as tf from '@tensorflow/tfjs';
import { wasmId, type WasmBackend, type WasmCFunction, type WasmModule } from './wasm-internals.js';

const FLOAT_BYTES = 4;

/**
 * A float32 tensor that aliases part of another tensor's memory on the wasm heap (no copy): how
 * one batch slice of a matmul is handed to XNNPACK. Release it with {@link releaseHeapView},
 * never with `disposeData` (that would free the parent's memory).
 */
export function createHeapView(backend: WasmBackend, parent: tf.TensorInfo, elementOffset: number, shape: number[]): tf.TensorInfo {
  const data = backend.dataIdMap.get(parent.dataId);
  if (!data) throw new Error('wasm heap view: the parent tensor has no wasm data (disposed?)');
  if (parent.dtype !== 'float32') throw new Error(`wasm heap view: parent must be float32, got ${parent.dtype}`);
  const size = shape.reduce((a, b) => a * b, 1);
  const parentSize = parent.shape.reduce((a, b) => a * b, 1);
  if (elementOffset < 0 || elementOffset + size > parentSize) {
    throw new Error(`wasm heap view: elements [${elementOffset}, ${elementOffset + size}) outside a tensor of ${parentSize}`);
  }
  return backend.makeOutput(shape, 'float32', data.memoryOffset + elementOffset * FLOAT_BYTES);
}

/** Forgets a view made by {@link createHeapView}, leaving the parent's memory alone. */
export function releaseHeapView(backend: WasmBackend, view: tf.TensorInfo): void {
  const data = backend.dataIdMap.get(view.dataId);
  if (!data) return;
  backend.wasm.tfjs.disposeData(data.id); // drops C++ caches keyed on this id (XNNPACK operators)
  backend.dataIdMap.delete(view.dataId);
}

const cBatchMatMul = new WeakMap<WasmModule, WasmCFunction>();

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

/**
 * `out[1,M,N] = a[1,M,K] @ b[1,K,N]` (float32, contiguous) through the wasm backend's C
 * `BatchMatMul`, which takes XNNPACK's fast fully-connected path exactly in this case (batch 1,
 * no transposes). `out` must be allocated by the caller.
 */
export function xnnMatMul(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo, out: tf.TensorInfo): void {
  const [ab, m, k] = a.shape;
  const [bb, k2, n] = b.shape;
  if (a.shape.length !== 3 || b.shape.length !== 3 || ab !== 1 || bb !== 1 || k !== k2 ||
    out.shape.length !== 3 || out.shape[1] !== m || out.shape[2] !== n) {
    throw new Error(`xnnMatMul: shapes [${a.shape.join(',')}] @ [${b.shape.join(',')}] -> [${out.shape.join(',')}] are not [1,M,K] @ [1,K,N] -> [1,M,N]`);
  }
  let f = cBatchMatMul.get(backend.wasm);
  if (!f) {
    f = backend.wasm.cwrap('BatchMatMul', null, ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number']);
    cBatchMatMul.set(backend.wasm, f);
  }
  f(wasmId(backend, a), shapeBytes(a.shape), 3, wasmId(backend, b), shapeBytes(b.shape), 3, 0, 0, wasmId(backend, out));
}
