import type * as tf from '@tensorflow/tfjs';
import type { TrainingKernel } from './registration.js';
import { asWasmBackend } from './wasm-internals.js';

/**
 * `Identity` override: a new reference to the same memory, as `cpu` does (tensors are
 * immutable; wasm's own `Reshape` shares memory the same way). Stock wasm copies the data, and
 * the engine clones every tensor it saves for the backward pass through this kernel. Strings go
 * to the stock kernel.
 */
export const identityKernel: TrainingKernel = {
  name: 'Identity',
  build: (original) => (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string' && original) return original.kernelFunc(args);
    asWasmBackend(args.backend, 'Identity').incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
  },
};
