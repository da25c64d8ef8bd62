import * as tf from '@tensorflow/tfjs';
import { flipSpatialOnHeap, sliceOnHeap } from './heap-copy.js';
import { asWasmBackend, type WasmBackend } from './wasm-internals.js';

/** Explicit padding of a rank-4 NHWC tensor, as the conv kernels take it. */
export type ExplicitPadding = [[0, 0], [number, number], [number, number], [0, 0]];

/** Inputs of a kernel call: named, or a list (as Concat, Pack and Einsum take them). */
type KernelInputs = Record<string, tf.TensorInfo> | tf.TensorInfo[];

/**
 * Runs wasm kernels on `TensorInfo`s inside another kernel and frees every intermediate it
 * created when the scope ends (the kernel-level counterpart of `tf.tidy`). Kernels are looked up
 * in the registry at call time, so composed kernels use the overrides installed next to them
 * (e.g. the fast `BatchMatMul`).
 */
export class KernelScope {
  private readonly created = new Set<tf.TensorInfo>();

  constructor(readonly backend: WasmBackend) {}

  /** Runs the `wasm` kernel `name`; its outputs are freed with the scope unless returned. */
  run(name: string, inputs: KernelInputs, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    const out = this.runKernel(name, inputs, attrs);
    if (Array.isArray(out)) throw new Error(`wasm training kernels: ${name} returned several outputs where one was expected`);
    return out;
  }

  /** Registers a tensor made by hand (heap allocation) so the scope frees it. */
  track(t: tf.TensorInfo): tf.TensorInfo {
    this.created.add(t);
    return t;
  }

  /** Whether `t` was created in this scope (and will be freed with it). */
  owns(t: tf.TensorInfo): boolean {
    return this.created.has(t);
  }

  /** Removes `t` from the scope: the caller (the engine) now owns it. */
  release(t: tf.TensorInfo): tf.TensorInfo {
    if (!this.created.delete(t)) {
      throw new Error('wasm training kernels: a kernel returned a tensor it did not create');
    }
    return t;
  }

  /** Frees every tensor the scope still owns. */
  dispose(): void {
    for (const t of this.created) this.backend.disposeData(t.dataId);
    this.created.clear();
  }

  /** The same memory with another shape (no copy). */
  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  /** Axes permuted by `perm` (a copy). */
  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  /**
   * Removes `[before, after]` elements from each axis (amounts ≥ 0). Returns `x` itself,
   * untracked, when there is nothing to remove.
   */
  crop(x: tf.TensorInfo, amounts: Array<[number, number]>): tf.TensorInfo {
    const begin = amounts.map(([b]) => b);
    const size = x.shape.map((d, i) => d - amounts[i]![0] - amounts[i]![1]);
    if (amounts.some(([b, a]) => b < 0 || a < 0) || size.some((d) => d < 0)) {
      throw new Error(`wasm training kernels: cannot crop [${amounts.join('], [')}] from shape [${x.shape.join(',')}]`);
    }
    return amounts.some(([b, a]) => b > 0 || a > 0) ? this.slice(x, begin, size) : x;
  }

  /** `x[begin : begin + size]`, copied on the heap (see `heap-copy.ts`); strings use the stock kernel. */
  slice(x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
    if (x.dtype === 'string') return this.run('Slice', { x }, { begin, size });
    return this.track(sliceOnHeap(this.backend, x, begin, size));
  }

  /** Every `strides[i]`-th element from `begin` (inclusive) to `end` (exclusive), copied on the heap. */
  stridedSlice(x: tf.TensorInfo, begin: number[], end: number[], strides: number[]): tf.TensorInfo {
    if (x.dtype === 'string' || strides.some((st) => st < 1)) {
      return this.run('StridedSlice', { x }, {
        begin, end, strides, beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
      });
    }
    const size = begin.map((b, i) => Math.max(0, Math.ceil((Math.min(end[i]!, x.shape[i]!) - b) / strides[i]!)));
    return this.track(sliceOnHeap(this.backend, x, begin, size, strides));
  }

  /** Elementwise product with broadcasting. */
  mul(a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
    return this.run('Multiply', { a, b });
  }

  /** Sum over `axis`. */
  sum(x: tf.TensorInfo, axis: number[], keepDims = false): tf.TensorInfo {
    return this.run('Sum', { x }, { axis, keepDims });
  }

  /** A `[KH, KW, ...]` filter flipped along its two spatial axes (copied on the heap). */
  flipSpatial(filter: tf.TensorInfo): tf.TensorInfo {
    return this.track(flipSpatialOnHeap(this.backend, filter));
  }

  /** A tensor filled with `value`. */
  fill(shape: number[], value: number, dtype: tf.DataType = 'float32'): tf.TensorInfo {
    return this.run('Fill', {}, { shape, value, dtype });
  }

  /** NHWC stride-1 conv with explicit padding and dilation (XNNPACK). */
  conv2d(x: tf.TensorInfo, filter: tf.TensorInfo, pad: ExplicitPadding, dilations: [number, number] = [1, 1]): tf.TensorInfo {
    return this.run('Conv2D', { x, filter }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations });
  }

  /** NHWC stride-1 depthwise conv with explicit padding and dilation (XNNPACK). */
  depthwiseConv2d(x: tf.TensorInfo, filter: tf.TensorInfo, pad: ExplicitPadding, dilations: [number, number] = [1, 1]): tf.TensorInfo {
    return this.run('DepthwiseConv2dNative', { x, filter }, { strides: [1, 1], pad, dilations });
  }

  private runKernel(name: string, inputs: KernelInputs, attrs: tf.NamedAttrMap): tf.TensorInfo | tf.TensorInfo[] {
    const kernel = tf.getKernel(name, 'wasm');
    if (!kernel) throw new Error(`wasm training kernels: the wasm backend has no ${name} kernel`);
    const out = kernel.kernelFunc({ inputs: inputs as unknown as tf.NamedTensorInfoMap, backend: this.backend, attrs });
    for (const t of Array.isArray(out) ? out : [out]) this.created.add(t);
    return out;
  }
}

/**
 * Runs `body` with a fresh {@link KernelScope} and returns its result, freeing every other
 * intermediate, also when `body` throws. A result that is one of the kernel's inputs is returned
 * as a new reference (the engine owns each output once).
 */
export function withKernelScope(backend: unknown, kernel: string, body: (s: KernelScope) => tf.TensorInfo): tf.TensorInfo {
  const scope = new KernelScope(asWasmBackend(backend, kernel));
  try {
    let out = body(scope);
    if (!scope.owns(out)) out = scope.reshape(out, out.shape);
    return scope.release(out);
  } finally {
    scope.dispose();
  }
}
