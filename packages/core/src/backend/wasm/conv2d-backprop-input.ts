import * as tf from '@tensorflow/tfjs';
import { withKernelScope } from './kernel-scope.js';
import type { TrainingKernel } from './registration.js';
import { phaseTaps, transposedCorrelation } from './transposed-window.js';

/**
 * `Conv2DBackpropInput` override (the input gradient of `conv2d`, and `conv2dTranspose`'s
 * forward): per stride phase, an XNNPACK stride-1 conv of `dy` with that phase's taps of the
 * flipped, transposed filter, then the phases interleaved (see `window-geometry.ts`). Stock wasm
 * runs a scalar loop (~2 GFLOP/s); this runs at forward-conv speed. NCHW goes to the stock kernel.
 */
export const conv2dBackpropInputKernel: TrainingKernel = {
  name: 'Conv2DBackpropInput',
  build: (original) => (args) => {
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (attrs.dataFormat === 'NCHW') {
      if (!original) throw new Error('Conv2DBackpropInput (wasm): NCHW is not supported');
      return original.kernelFunc(args);
    }
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
    );
    if (dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth || dy.shape[3] !== info.outChannels) {
      throw new Error(`Conv2DBackpropInput (wasm): dy [${dy.shape.join(',')}] does not match the conv output ` +
        `[${info.outShape.join(',')}] of input [${attrs.inputShape.join(',')}] and filter [${filter.shape.join(',')}]`);
    }
    return withKernelScope(args.backend, 'Conv2DBackpropInput', (s) => {
      // [KH, KW, Ci, Co] -> flipped in space, in/out channels swapped: [KH, KW, Co, Ci].
      const reversed = s.transpose(s.flipSpatial(filter), [0, 1, 3, 2]);
      return transposedCorrelation(s, dy, [
        { inSize: info.inHeight, outSize: info.outHeight, taps: info.filterHeight, stride: info.strideHeight, dilation: 1, padBefore: info.padInfo.top },
        { inSize: info.inWidth, outSize: info.outWidth, taps: info.filterWidth, stride: info.strideWidth, dilation: 1, padBefore: info.padInfo.left },
      ], info.inChannels, (d, taps, pad, dilations) => s.conv2d(d, phaseTaps(s, reversed, taps), pad, dilations));
    });
  },
};
