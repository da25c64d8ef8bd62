import * as tf from '@tensorflow/tfjs';
import { fastBatchMatMul } from './batch-mat-mul.js';
import { withKernelScope } from './kernel-scope.js';
import type { TrainingKernel } from './registration.js';

/**
 * `Conv2DBackpropFilter` (the filter gradient of `conv2d`, `conv1d`, `conv2dTranspose`), which
 * stock wasm lacks. It is itself a forward conv, run by XNNPACK: with batch and channel axes
 * swapped, `x` becomes `[Ci, H, W, B]`, `dy` becomes the filter `[OH, OW, B, Co]`, and the conv
 * stride becomes the dilation; the `[Ci, KH, KW, Co]` result is transposed to `[KH, KW, Ci, Co]`.
 * A 1x1 filter is one GEMM of the (strided) input with `dy`.
 */
export const conv2dBackpropFilterKernel: TrainingKernel = {
  name: 'Conv2DBackpropFilter',
  build: () => (args) => {
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    return withKernelScope(args.backend, 'Conv2DBackpropFilter', (s) => {
      const nchw = attrs.dataFormat === 'NCHW';
      const xn = nchw ? s.transpose(x, [0, 2, 3, 1]) : x;
      const dyn = nchw ? s.transpose(dy, [0, 2, 3, 1]) : dy;
      const info = tf.backend_util.computeConv2DInfo(
        xn.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
      );
      if (dyn.shape[1] !== info.outHeight || dyn.shape[2] !== info.outWidth || dyn.shape[3] !== info.outChannels) {
        throw new Error(`Conv2DBackpropFilter (wasm): dy [${dy.shape.join(',')}] does not match the conv output ` +
          `[${info.outShape.join(',')}] of x [${x.shape.join(',')}] and filter [${attrs.filterShape.join(',')}]`);
      }
      const { top, left } = info.padInfo;
      if (info.filterHeight === 1 && info.filterWidth === 1 && top === 0 && left === 0) {
        // 1x1 (shortcut projections): dW = x_sampledᵀ @ dy, one GEMM.
        const sampled = s.stridedSlice(xn, [0, 0, 0, 0], xn.shape, [1, info.strideHeight, info.strideWidth, 1]);
        const rows = info.batchSize * info.outHeight * info.outWidth;
        const dw = fastBatchMatMul(s, s.reshape(sampled, [rows, info.inChannels]), s.reshape(dyn, [rows, info.outChannels]), true, false);
        return s.reshape(dw, attrs.filterShape);
      }
      // Pad (in the conv) or crop x to exactly the rows/columns the windows touch: the conv yields KH x KW.
      const bottom = (info.outHeight - 1) * info.strideHeight + info.filterHeight - top - info.inHeight;
      const right = (info.outWidth - 1) * info.strideWidth + info.filterWidth - left - info.inWidth;
      const xc = s.crop(xn, [[0, 0], [0, Math.max(0, -bottom)], [0, Math.max(0, -right)], [0, 0]]);
      const xt = s.transpose(xc, [3, 1, 2, 0]); // [Ci, H, W, B]
      const dyt = s.transpose(dyn, [1, 2, 0, 3]); // [OH, OW, B, Co]
      const dw = s.conv2d(xt, dyt, [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
        [info.strideHeight, info.strideWidth]); // [Ci, KH, KW, Co]
      return s.transpose(dw, [1, 2, 0, 3]);
    });
  },
};
