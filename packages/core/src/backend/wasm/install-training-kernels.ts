import { batchMatMulKernel } from './batch-mat-mul.js';
import { batchNormGradient } from './batch-norm-gradient.js';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputKernel } from './conv2d-backprop-input.js';
import { conv2dGradient } from './conv2d-dilation-gradient.js';
import { depthwiseBackpropFilterKernel } from './depthwise-backprop-filter.js';
import { depthwiseBackpropInputKernel } from './depthwise-backprop-input.js';
import { depthwiseGradient } from './depthwise-dilation-gradient.js';
import { einsumKernel } from './einsum.js';
import { identityKernel } from './identity.js';
import { meanKernel, sumKernel } from './leading-axes-reduction.js';
import { matMulGradient } from './mat-mul-gradient.js';
import { maxPoolGradKernel } from './max-pool-grad.js';
import { installGradient, installKernel, type TrainingGradient, type TrainingKernel } from './registration.js';
import { meanGradient, sumGradient } from './reduction-gradients.js';
import { sliceKernel, splitVKernel, unpackKernel } from './slice.js';
import { tileKernel } from './tile.js';
import { transposeKernel } from './transpose.js';
import { tileGradient } from './tile-gradient.js';
import { unsortedSegmentSumKernel } from './unsorted-segment-sum.js';

/** The kernels registered on `wasm`: compositions of wasm's own (XNNPACK) kernels, and loops over the wasm heap. */
export const WASM_TRAINING_KERNELS: readonly TrainingKernel[] = [
  batchMatMulKernel,
  conv2dBackpropFilterKernel,
  conv2dBackpropInputKernel,
  depthwiseBackpropFilterKernel,
  depthwiseBackpropInputKernel,
  maxPoolGradKernel,
  unsortedSegmentSumKernel,
  tileKernel,
  einsumKernel,
  identityKernel,
  sliceKernel,
  splitVKernel,
  unpackKernel,
  transposeKernel,
  sumKernel,
  meanKernel,
];

/** The gradients registered for every backend. */
export const TRAINING_GRADIENTS: readonly TrainingGradient[] = [
  batchNormGradient, matMulGradient, conv2dGradient, depthwiseGradient, sumGradient, meanGradient, tileGradient,
];

/**
 * Registers the gradients that fix tfjs-core's for training (all backends): batchNorm without a
 * full-size `tile`, matMul with broadcast batch dimensions, conv2d and depthwise conv with
 * dilation > 1, sum and mean without a full-size `ones`, tile as one reduction instead of a
 * slice and an add per repeat. Idempotent. Returns their labels
 * (`Name (gradient)`).
 */
export function registerTrainingGradients(): string[] {
  return TRAINING_GRADIENTS.map(installGradient);
}

/**
 * Registers on the `wasm` backend every kernel that training the layers and ops Pretext uses
 * needs and stock `@tensorflow/tfjs-backend-wasm@4.22.0` lacks (Conv2DBackpropFilter,
 * DepthwiseConv2dNativeBackpropInput/Filter, UnsortedSegmentSum, Einsum), gets wrong (MaxPoolGrad)
 * or runs slowly (BatchMatMul, Conv2DBackpropInput, Tile, Identity, Slice, SplitV, Sum, Mean), plus
 * {@link registerTrainingGradients}.
 * Call it before `tf.setBackend('wasm')` (the replaced kernels keep their setup functions).
 * Idempotent: a second call wraps nothing twice. Returns the names installed, e.g.
 * `Conv2DBackpropFilter`, `BatchMatMul (override)`, `FusedBatchNorm (gradient)`.
 */
export function installWasmTrainingKernels(): string[] {
  return [...WASM_TRAINING_KERNELS.map(installKernel), ...registerTrainingGradients()];
}
