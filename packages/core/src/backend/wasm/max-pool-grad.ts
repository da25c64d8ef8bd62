import * as tf from '@tensorflow/tfjs';
import type { TrainingKernel } from './registration.js';
import { asWasmBackend } from './wasm-internals.js';

/**
 * `MaxPoolGrad` override. Stock wasm starts its running max at `FLT_MIN` (the smallest positive
 * float), so a window whose values are all ≤ 0 routes its gradient nowhere. This one scans each
 * window on the wasm heap with the max starting at -∞ and a strict `>`, so the first maximum in
 * scan order gets the window's gradient (exactly what `cpu` does, ties and padding included).
 */
export const maxPoolGradKernel: TrainingKernel = {
  name: 'MaxPoolGrad',
  build: () => (args) => {
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
    const backend = asWasmBackend(args.backend, 'MaxPoolGrad');
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
    );
    const [batch, height, width, channels] = input.shape as [number, number, number, number];
    const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
    const { top, left } = info.padInfo;
    if (dy.shape[1] !== oh || dy.shape[2] !== ow) {
      throw new Error(`MaxPoolGrad (wasm): dy [${dy.shape.join(',')}] does not match the pooled shape [${info.outShape.join(',')}]`);
    }
    const dx = backend.makeOutput(input.shape, 'float32');
    const out = backend.typedArrayFromHeap(dx);
    out.fill(0);
    const x = backend.typedArrayFromHeap(input);
    const g = backend.typedArrayFromHeap(dy);
    const best = new Float32Array(channels);
    const where = new Int32Array(channels);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < oh; i++) {
        for (let j = 0; j < ow; j++) {
          best.fill(-Infinity);
          where.fill(-1);
          for (let u = 0; u < kh; u++) {
            const y = i * sh + u - top;
            if (y < 0 || y >= height) continue;
            for (let v = 0; v < kw; v++) {
              const xc = j * sw + v - left;
              if (xc < 0 || xc >= width) continue;
              const base = ((b * height + y) * width + xc) * channels;
              for (let c = 0; c < channels; c++) {
                const value = x[base + c]!;
                if (value > best[c]!) {
                  best[c] = value;
                  where[c] = base + c;
                }
              }
            }
          }
          const row = ((b * oh + i) * ow + j) * channels;
          for (let c = 0; c < channels; c++) if (where[c]! >= 0) out[where[c]!]! += g[row + c]!;
        }
      }
    }
    return dx;
  },
};
