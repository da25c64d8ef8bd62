import * as tf from '@tensorflow/tfjs';
import { withKernelScope } from './kernel-scope.js';
import type { TrainingKernel } from './registration.js';
import { phaseTaps, transposedCorrelation } from './transposed-window.js';

/**
 * `DepthwiseConv2dNativeBackpropInput` (missing on stock wasm): per stride phase, an XNNPACK
 * depthwise conv of `dy` (`C·M` channels) with the phase's taps of the flipped filter, the phases
 * interleaved, then the `M` channel-multiplier outputs of each input channel summed. Honours
 * `dilations` (with stride 1).
 */
export const depthwiseBackpropInputKernel: TrainingKernel = {
  name: 'DepthwiseConv2dNativeBackpropInput',
  handlesDilations: true,
  build: () => (args) => {
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, attrs.dilations ?? 1,
      attrs.pad, attrs.dimRoundingMode, true,
    );
    const [batch, height, width, channels] = attrs.inputShape;
    const multiplier = filter.shape[3]!;
    const taps = channels * multiplier;
    if (dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth || dy.shape[3] !== taps) {
      throw new Error(`DepthwiseConv2dNativeBackpropInput (wasm): dy [${dy.shape.join(',')}] does not match the output ` +
        `[${info.outShape.join(',')}] of input [${attrs.inputShape.join(',')}] and filter [${filter.shape.join(',')}]`);
    }
    return withKernelScope(args.backend, 'DepthwiseConv2dNativeBackpropInput', (s) => {
      const reversed = s.flipSpatial(filter); // [KH, KW, C, M]
      const dx = transposedCorrelation(s, dy, [
        { inSize: height, outSize: info.outHeight, taps: info.filterHeight, stride: info.strideHeight, dilation: info.dilationHeight, padBefore: info.padInfo.top },
        { inSize: width, outSize: info.outWidth, taps: info.filterWidth, stride: info.strideWidth, dilation: info.dilationWidth, padBefore: info.padInfo.left },
      ], taps, (d, phase, pad, dilations) => {
        const f = phaseTaps(s, reversed, phase);
        return s.depthwiseConv2d(d, s.reshape(f, [f.shape[0]!, f.shape[1]!, taps, 1]), pad, dilations);
      }); // [B, H, W, C*M]
      if (multiplier === 1) return dx;
      return s.sum(s.reshape(dx, [batch, height, width, channels, multiplier]), [4]);
    });
  },
};
