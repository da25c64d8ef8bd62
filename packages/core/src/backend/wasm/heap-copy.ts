import type * as tf from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-internals.js';

/**
 * Memory moves done in JavaScript directly on the wasm heap. Stock wasm `Slice` first copies the
 * whole input out of the heap (`readSync`) and then copies one innermost row per call, and
 * stock 5-D `Transpose` takes a generic element-by-element path: both cost 10–50× a memory pass
 * on the tensors the gradients move around.
 */

type NumericArray = Float32Array | Int32Array | Uint8Array;

/** Copies runs of `width` elements; small runs by hand (cheaper than a subarray per run). */
function copyRun(dst: NumericArray, dstAt: number, src: NumericArray, srcAt: number, width: number): void {
  if (width >= 64) {
    dst.set(src.subarray(srcAt, srcAt + width), dstAt);
  } else {
    for (let i = 0; i < width; i++) dst[dstAt + i] = src[srcAt + i]!;
  }
}

/**
 * Elements `begin[i] + j*step[i]` for `j < size[i]` along every axis, as a new tensor (`Slice`
 * with `step` 1, `StridedSlice` otherwise). Trailing axes taken whole are merged into one
 * contiguous run, and runs are copied between heap views (no copy of the whole input).
 */
export function sliceOnHeap(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[], step?: number[]): tf.TensorInfo {
  const rank = x.shape.length;
  const steps = step ?? x.shape.map(() => 1);
  const out = backend.makeOutput(size, x.dtype);
  if (size.some((d) => d === 0)) return out;
  if (rank === 0) {
    backend.typedArrayFromHeap(out)[0] = backend.typedArrayFromHeap(x)[0]!;
    return out;
  }
  const strides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1]! * x.shape[i + 1]!;
  // Axes after k are taken whole; axis k is the innermost one that is not.
  let k = rank - 1;
  while (k > 0 && begin[k] === 0 && size[k] === x.shape[k] && steps[k] === 1) k--;
  // A unit-step axis k joins the run; a strided one is iterated like the outer axes.
  const outer = steps[k] === 1 ? k : k + 1;
  const run = outer === k ? size[k]! * strides[k]! : strides[k]!;
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const index = new Array<number>(outer).fill(0);
  const base = outer === k ? begin[k]! * strides[k]! : 0;
  for (let at = 0; ;) {
    let from = base;
    for (let i = 0; i < outer; i++) from += (begin[i]! + index[i]! * steps[i]!) * strides[i]!;
    copyRun(dst, at, src, from, run);
    at += run;
    let axis = outer - 1;
    while (axis >= 0 && ++index[axis]! === size[axis]) index[axis--] = 0;
    if (axis < 0) return out;
  }
}

/**
 * Interleaves stride-phase grids into an NHWC tensor: phase `(rh, rw)` (row-major in `phases`,
 * each `[B, Qh, Qw, C]`) fills rows `qh*sh + rh - offsetH` and columns `qw*sw + rw - offsetW` of
 * the `[B, height, width, C]` result; positions outside it are dropped (the crop is fused).
 */
export function interleaveOnHeap(
  backend: WasmBackend,
  phases: tf.TensorInfo[],
  [sh, sw]: [number, number],
  [offsetH, offsetW]: [number, number],
  [height, width]: [number, number],
): tf.TensorInfo {
  const [batch, qh, qw, c] = phases[0]!.shape as [number, number, number, number];
  const out = backend.makeOutput([batch, height, width, c], 'float32');
  const dst = backend.typedArrayFromHeap(out);
  phases.forEach((phase, p) => {
    const rh = Math.floor(p / sw);
    const rw = p % sw;
    const src = backend.typedArrayFromHeap(phase);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < qh; i++) {
        const y = i * sh + rh - offsetH;
        if (y < 0 || y >= height) continue;
        const rowSrc = (b * qh + i) * qw * c;
        const rowDst = (b * height + y) * width * c;
        for (let j = 0; j < qw; j++) {
          const x = j * sw + rw - offsetW;
          if (x < 0 || x >= width) continue;
          copyRun(dst, rowDst + x * c, src, rowSrc + j * c, c);
        }
      }
    }
  });
  return out;
}

/**
 * `x` repeated `reps[i]` times along each axis `i` (tfjs `Tile`). The innermost axis is expanded
 * row by row (`fill` for a single element); every outer axis then repeats whole blocks with
 * `copyWithin` (memmove), in place, from the last block to the first so no source is overwritten.
 */
export function tileOnHeap(backend: WasmBackend, x: tf.TensorInfo, reps: number[]): tf.TensorInfo {
  const rank = x.shape.length;
  const outShape = x.shape.map((d, i) => d * reps[i]!);
  const out = backend.makeOutput(outShape, x.dtype);
  if (outShape.some((d) => d === 0)) return out;
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  if (rank === 0) {
    dst[0] = src[0]!;
    return out;
  }
  // Innermost axis: rows of length d, each written r times.
  const d = x.shape[rank - 1]!;
  const r = reps[rank - 1]!;
  const rows = src.length / d;
  for (let row = 0; row < rows; row++) {
    const from = row * d;
    const to = row * d * r;
    if (d === 1) {
      dst.fill(src[from]!, to, to + r);
    } else {
      for (let k = 0; k < r; k++) copyRun(dst, to + k * d, src, from, d);
    }
  }
  // Outer axes: blocks of the axis' extent times everything inside, repeated in place.
  let inner = d * r;
  for (let axis = rank - 2; axis >= 0; axis--) {
    const block = x.shape[axis]! * inner;
    const times = reps[axis]!;
    if (times > 1) {
      const blocks = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
      for (let p = blocks - 1; p >= 0; p--) {
        const source = p * block;
        const target = p * block * times;
        if (target !== source) dst.copyWithin(target, source, source + block);
        for (let k = 1; k < times; k++) dst.copyWithin(target + k * block, target, target + block);
      }
    }
    inner = block * times;
  }
  return out;
}

/**
 * A `[KH, KW, ...]` filter flipped along its two spatial axes (`Reverse` on axes 0 and 1, which
 * stock wasm runs element by element: milliseconds even for a 3×3 filter).
 */
export function flipSpatialOnHeap(backend: WasmBackend, filter: tf.TensorInfo): tf.TensorInfo {
  const [kh, kw, ...rest] = filter.shape as [number, number, ...number[]];
  const block = rest.reduce((a, b) => a * b, 1);
  const out = backend.makeOutput(filter.shape, filter.dtype);
  const src = backend.typedArrayFromHeap(filter);
  const dst = backend.typedArrayFromHeap(out);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) copyRun(dst, (i * kw + j) * block, src, ((kh - 1 - i) * kw + (kw - 1 - j)) * block, block);
  }
  return out;
}
