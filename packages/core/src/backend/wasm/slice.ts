import * as tf from '@tensorflow/tfjs';
import { sliceOnHeap } from './heap-copy.js';
import type { TrainingKernel } from './registration.js';
import { asWasmBackend } from './wasm-internals.js';

/**
 * `Slice` override: runs of the slice copied between heap views (`heap-copy.ts`). Stock wasm
 * copies the whole input out of the heap first, then one innermost row per call. Strings go to
 * the stock kernel.
 */
export const sliceKernel: TrainingKernel = {
  name: 'Slice',
  build: (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
    if (x.dtype === 'string' && original) return original.kernelFunc(args);
    const [b, s] = tf.slice_util.parseSliceParams(x, begin, size);
    return sliceOnHeap(asWasmBackend(args.backend, 'Slice'), x, b, s);
  },
};

/**
 * `SplitV` override (`tf.split`, e.g. of a fused query/key/value projection): one heap slice per
 * part instead of stock wasm's `Slice` per part (each copying the whole input out first).
 */
export const splitVKernel: TrainingKernel = {
  name: 'SplitV',
  build: (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { numOrSizeSplits, axis } = args.attrs as unknown as tf.SplitVAttrs;
    if (x.dtype === 'string' && original) return original.kernelFunc(args);
    const backend = asWasmBackend(args.backend, 'SplitV');
    const ax = tf.util.parseAxisParam(axis, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, ax);
    const begin = x.shape.map(() => 0);
    return sizes.map((n) => {
      const size = x.shape.slice();
      size[ax] = n;
      const part = sliceOnHeap(backend, x, begin.slice(), size);
      begin[ax]! += n;
      return part;
    });
  },
};

/**
 * `Unpack` override (`tf.unstack`, e.g. of stacked query/key/value): one heap slice per part
 * instead of stock wasm's slice, which copies the whole input out of the heap for every part.
 */
export const unpackKernel: TrainingKernel = {
  name: 'Unpack',
  build: (original) => (args) => {
    const { value } = args.inputs as { value: tf.TensorInfo };
    const { axis } = args.attrs as unknown as tf.UnpackAttrs;
    if (value.dtype === 'string' && original) return original.kernelFunc(args);
    const backend = asWasmBackend(args.backend, 'Unpack');
    const ax = tf.util.parseAxisParam(axis, value.shape)[0]!;
    const size = value.shape.slice();
    size[ax] = 1;
    const outShape = value.shape.filter((_, i) => i !== ax);
    return Array.from({ length: value.shape[ax]! }, (_, i) => {
      const begin = value.shape.map((_, j) => (j === ax ? i : 0));
      const part = sliceOnHeap(backend, value, begin, size);
      return { ...part, shape: outShape };
    });
  },
};
