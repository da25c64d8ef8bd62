import * as tf from '@tensorflow/tfjs';
import { pair, type Pair } from './attr-pair.js';
import type { TrainingGradient } from './registration.js';


/** Slices away negative amounts and returns the non-negative rest as explicit conv padding. */
function cropThenPad(t: tf.Tensor4D, top: number, bottom: number, left: number, right: number): [tf.Tensor4D, [[0, 0], Pair, Pair, [0, 0]]] {
  let cropped = t;
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [b, h, w, c] = t.shape;
    const y0 = Math.max(0, -top);
    const x0 = Math.max(0, -left);
    cropped = tf.slice(t, [0, y0, x0, 0], [b, h - y0 - Math.max(0, -bottom), w - x0 - Math.max(0, -right), c]);
  }
  return [cropped, [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]]];
}

/**
 * Gradient of a stride-1 `conv2d` with dilation > 1 (tfjs-core refuses it), from forward convs
 * that run fast everywhere: `dx` is the conv of the padded `dy` with the flipped, transposed
 * filter at the same dilation; `dW` is the conv of `x` (batch and channels swapped) with `dy` as
 * filter and the dilation as stride.
 */
function dilatedConvGradient(dy: tf.Tensor4D, x: tf.Tensor4D, filter: tf.Tensor4D, attrs: tf.Conv2DAttrs): { x: () => tf.Tensor; filter: () => tf.Tensor } {
  const nchw = attrs.dataFormat === 'NCHW';
  const toNhwc = (t: tf.Tensor4D): tf.Tensor4D => (nchw ? tf.transpose(t, [0, 2, 3, 1]) : t);
  const xn = toNhwc(x);
  const dyn = toNhwc(dy);
  const [dh, dw] = pair(attrs.dilations);
  // Explicit NCHW padding lists the axes in NCHW order: move it to NHWC with the tensors.
  const pad = nchw && Array.isArray(attrs.pad) ? [attrs.pad[0]!, attrs.pad[2]!, attrs.pad[3]!, attrs.pad[1]!] : attrs.pad;
  const info = tf.backend_util.computeConv2DInfo(xn.shape, filter.shape, 1, [dh, dw], pad as tf.Conv2DAttrs['pad'], attrs.dimRoundingMode);
  const { top, left } = info.padInfo;
  const { inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, effectiveFilterHeight: kh, effectiveFilterWidth: kw } = info;
  return {
    x: () => {
      const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
      const [d, pad] = cropThenPad(dyn, kh - 1 - top, h - oh + top, kw - 1 - left, w - ow + left);
      const dx = tf.conv2d(d, flipped, 1, pad, 'NHWC', [dh, dw]);
      return nchw ? tf.transpose(dx, [0, 3, 1, 2]) : dx;
    },
    filter: () => {
      const [xc, pad] = cropThenPad(xn, top, oh + kh - 1 - top - h, left, ow + kw - 1 - left - w);
      const xt = tf.transpose(xc, [3, 1, 2, 0]);
      const dyt = tf.transpose(dyn, [1, 2, 0, 3]);
      return tf.transpose(tf.conv2d(xt, dyt, [dh, dw], pad), [1, 2, 0, 3]);
    },
  };
}

/**
 * Gradient of `Conv2D` for every backend: tfjs-core's for dilation 1, {@link dilatedConvGradient}
 * otherwise (dilated `conv2d`/`conv1d` layers, e.g. temporal conv nets, then train).
 */
export const conv2dGradient: TrainingGradient = {
  name: 'Conv2D',
  build: (original) => ({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const a = attrs as unknown as tf.Conv2DAttrs;
      const [dh, dw] = pair(a.dilations);
      if (dh === 1 && dw === 1 && original) return original.gradFunc(dy, saved, attrs);
      const [sh, sw] = pair(a.strides);
      if (sh !== 1 || sw !== 1) throw new Error(`conv2d gradient: strides [${sh},${sw}] with dilations [${dh},${dw}]; one of them must be 1`);
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      return dilatedConvGradient(dy as tf.Tensor4D, x, filter, a);
    },
  }),
};
