import { tf } from '@pretext/core';
import { perImageUniform, requireImages } from './random-draws.js';

/** Options of {@link randomResizedCrop}. */
export interface RandomResizedCropOptions {
  /** Range of the crop's area as a fraction of the image (default [0.08, 1], as in SimCLR/BYOL). */
  readonly scale?: readonly [number, number];
  /** Range of the crop's aspect ratio width/height, drawn log-uniformly (default [3/4, 4/3]). */
  readonly ratio?: readonly [number, number];
  /** Output `[height, width]` (default: the input's). */
  readonly size?: readonly [number, number];
}

/**
 * Inception-style random resized crop, batched: every image gets its own box (area fraction
 * uniform in `scale`, aspect ratio log-uniform in `ratio`, position uniform), cut and resized
 * bilinearly to `size` by ONE `tf.image.cropAndResize` call with per-image boxes.
 *
 * Unlike torchvision's rejection loop (10 tries, then a centre crop), a box wider or taller than
 * the image is clamped to the image side, so every draw is used and no JS loop runs.
 *
 * @param x - images `[B, H, W, C]` in [0, 1].
 * @param seed - seed of the box draws.
 */
export function randomResizedCrop(x: tf.Tensor4D, seed: number, options: RandomResizedCropOptions = {}): tf.Tensor4D {
  requireImages(x, 'randomResizedCrop');
  const [b, h, w] = x.shape;
  const [sMin, sMax] = options.scale ?? [0.08, 1];
  const [rMin, rMax] = options.ratio ?? [3 / 4, 4 / 3];
  if (!(sMin > 0 && sMin <= sMax && sMax <= 1)) throw new Error(`randomResizedCrop: scale must satisfy 0 < min ≤ max ≤ 1, got [${sMin}, ${sMax}]`);
  if (!(rMin > 0 && rMin <= rMax)) throw new Error(`randomResizedCrop: ratio must satisfy 0 < min ≤ max, got [${rMin}, ${rMax}]`);
  const size = options.size ?? [h, w];
  return tf.tidy(() => {
    const area = perImageUniform(b, sMin, sMax, seed, 0);
    const ratio = tf.exp(perImageUniform(b, Math.log(rMin), Math.log(rMax), seed, 1));
    // Crop width / W = sqrt(area · ratio · H / W), height / H = sqrt(area / ratio · W / H).
    const wf = tf.minimum(tf.sqrt(tf.mul(area, tf.mul(ratio, h / w))), 1);
    const hf = tf.minimum(tf.sqrt(tf.mul(tf.div(area, ratio), w / h)), 1);
    const y1 = tf.mul(perImageUniform(b, 0, 1, seed, 2), tf.sub(1, hf));
    const x1 = tf.mul(perImageUniform(b, 0, 1, seed, 3), tf.sub(1, wf));
    const boxes = tf.stack([y1, x1, tf.add(y1, hf), tf.add(x1, wf)], 1) as tf.Tensor2D;
    const boxInd = tf.range(0, b, 1, 'int32') as tf.Tensor1D;
    return tf.image.cropAndResize(x, boxes, boxInd, [size[0], size[1]], 'bilinear');
  });
}
