import * as tf from '@tensorflow/tfjs';
import type { TrainingKernel } from './registration.js';
import { asWasmBackend } from './wasm-internals.js';

/**
 * `DepthwiseConv2dNativeBackpropFilter` (missing on stock wasm): for every output position and
 * filter tap, the input pixel the tap saw times `dy`, accumulated per channel in float64, in one
 * pass over the wasm heap (padding by bounds checks, no padded copy). Honours `dilations`.
 */
export const depthwiseBackpropFilterKernel: TrainingKernel = {
  name: 'DepthwiseConv2dNativeBackpropFilter',
  handlesDilations: true,
  build: () => (args) => {
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
    const backend = asWasmBackend(args.backend, 'DepthwiseConv2dNativeBackpropFilter');
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, attrs.dilations ?? 1,
      attrs.pad, attrs.dimRoundingMode, true,
    );
    const [batch, height, width, channels] = x.shape as [number, number, number, number];
    const [kh, kw, , multiplier] = attrs.filterShape;
    const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
    const { top, left } = info.padInfo;
    const depth = channels * multiplier;
    if (dy.shape[1] !== oh || dy.shape[2] !== ow || dy.shape[3] !== depth) {
      throw new Error(`DepthwiseConv2dNativeBackpropFilter (wasm): dy [${dy.shape.join(',')}] does not match the output ` +
        `[${info.outShape.join(',')}] of x [${x.shape.join(',')}] and filter [${attrs.filterShape.join(',')}]`);
    }
    const acc = new Float64Array(kh * kw * depth);
    const xs = backend.typedArrayFromHeap(x);
    const g = backend.typedArrayFromHeap(dy);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < oh; i++) {
        for (let j = 0; j < ow; j++) {
          const row = ((b * oh + i) * ow + j) * depth;
          for (let u = 0; u < kh; u++) {
            const y = i * sh + u * dh - top;
            if (y < 0 || y >= height) continue;
            for (let v = 0; v < kw; v++) {
              const xc = j * sw + v * dw - left;
              if (xc < 0 || xc >= width) continue;
              const base = ((b * height + y) * width + xc) * channels;
              const tap = (u * kw + v) * depth;
              if (multiplier === 1) {
                for (let c = 0; c < channels; c++) acc[tap + c]! += xs[base + c]! * g[row + c]!;
              } else {
                for (let c = 0; c < channels; c++) {
                  const value = xs[base + c]!;
                  for (let m = 0, at = c * multiplier; m < multiplier; m++, at++) acc[tap + at]! += value * g[row + at]!;
                }
              }
            }
          }
        }
      }
    }
    return backend.makeOutput(attrs.filterShape, 'float32', undefined, Float32Array.from(acc));
  },
};
