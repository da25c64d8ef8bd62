import * as tf from '@tensorflow/tfjs';
import { pair, type Pair } from './attr-pair.js';
import { kernelHandlesDilations, type TrainingGradient } from './registration.js';


/** Inserts `d - 1` zeros between filter taps: the dilation-1 filter equivalent to dilation `d`. */
function dilateFilter(filter: tf.Tensor4D, [dh, dw]: Pair): tf.Tensor4D {
  const [kh, kw, c, m] = filter.shape;
  const spread = tf.pad(tf.reshape(filter, [kh, 1, kw, 1, c, m]), [[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0], [0, 0]]);
  return tf.slice(tf.reshape(spread, [kh * dh, kw * dw, c, m]), 0, [(kh - 1) * dh + 1, (kw - 1) * dw + 1, c, m]) as tf.Tensor4D;
}

/**
 * Gradient of `DepthwiseConv2dNative` for every backend, also for dilation > 1 (tfjs-core
 * refuses it). Where the backend's backprop kernels honour `dilations` (Pretext's wasm kernels)
 * they get it directly; elsewhere (tfjs's own kernels ignore it) they run on the zero-dilated
 * filter and the filter gradient keeps every `d`-th tap.
 */
export const depthwiseGradient: TrainingGradient = {
  name: 'DepthwiseConv2dNative',
  build: (original) => ({
    kernelName: 'DepthwiseConv2dNative',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const a = attrs as unknown as tf.DepthwiseConv2dNativeAttrs;
      const dil = pair(a.dilations);
      if (dil[0] === 1 && dil[1] === 1 && original) return original.gradFunc(dy, saved, attrs);
      const [sh, sw] = pair(a.strides);
      if (sh !== 1 || sw !== 1) throw new Error(`depthwiseConv2d gradient: strides [${sh},${sw}] with dilations [${dil.join(',')}]; one of them must be 1`);
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const backend = tf.getBackend();
      const native = kernelHandlesDilations('DepthwiseConv2dNativeBackpropInput', backend) &&
        kernelHandlesDilations('DepthwiseConv2dNativeBackpropFilter', backend);
      const common = { strides: [1, 1], pad: a.pad, ...(a.dimRoundingMode ? { dimRoundingMode: a.dimRoundingMode } : {}) };
      const run = (name: string, inputs: tf.NamedTensorMap, extra: tf.NamedAttrMap): tf.Tensor =>
        tf.engine().runKernel(name, inputs, { ...common, ...extra } as tf.NamedAttrMap) as tf.Tensor;
      if (native) {
        return {
          x: () => run('DepthwiseConv2dNativeBackpropInput', { dy: dy as tf.Tensor, filter }, { dilations: dil, inputShape: x.shape }),
          filter: () => run('DepthwiseConv2dNativeBackpropFilter', { x, dy: dy as tf.Tensor }, { dilations: dil, filterShape: filter.shape }),
        };
      }
      return {
        x: () => run('DepthwiseConv2dNativeBackpropInput', { dy: dy as tf.Tensor, filter: dilateFilter(filter, dil) },
          { dilations: [1, 1], inputShape: x.shape }),
        filter: () => {
          const [kh, kw, c, m] = filter.shape;
          const full = run('DepthwiseConv2dNativeBackpropFilter', { x, dy: dy as tf.Tensor },
            { dilations: [1, 1], filterShape: [(kh - 1) * dil[0] + 1, (kw - 1) * dil[1] + 1, c, m] });
          return tf.stridedSlice(full, [0, 0, 0, 0], [full.shape[0]!, full.shape[1]!, c, m], [dil[0], dil[1], 1, 1]);
        },
      };
    },
  }),
};
