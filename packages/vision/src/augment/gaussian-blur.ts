import { tf } from '@pretext/core';
import { blendByMask, perImageMask, perImageUniform, requireImages, requireProbability } from './random-draws.js';

/** Options of {@link randomGaussianBlur}. */
export interface GaussianBlurOptions {
  /** Probability that an image is blurred. */
  readonly probability: number;
  /** Range of the Gaussian's standard deviation σ in pixels, drawn per image. */
  readonly sigma: readonly [number, number];
  /** Odd kernel side in pixels (SimCLR/BYOL: about 10 % of the image side). */
  readonly kernelSize: number;
}

/**
 * Gaussian blur with a different σ per image, as a SEPARABLE DEPTHWISE convolution: the batch is
 * moved into the channel axis (`[1, H, W, B·C]`) so that one `tf.depthwiseConv2d` applies each
 * image's own 1-D kernel, once horizontally and once vertically. Borders are reflect-padded
 * (torchvision's `GaussianBlur`). An image is blurred with probability `probability`.
 *
 * @param x - images `[B, H, W, C]`.
 * @param seed - seed of σ and the per-image coin flips.
 */
export function randomGaussianBlur(x: tf.Tensor4D, seed: number, options: GaussianBlurOptions): tf.Tensor4D {
  requireImages(x, 'randomGaussianBlur');
  const { probability, sigma, kernelSize: k } = options;
  requireProbability(probability, 'randomGaussianBlur(probability)');
  if (!(sigma[0] > 0 && sigma[0] <= sigma[1])) throw new Error(`randomGaussianBlur: sigma must satisfy 0 < min ≤ max, got [${sigma.join(', ')}]`);
  if (!(Number.isInteger(k) && k >= 1 && k % 2 === 1)) throw new Error(`randomGaussianBlur: kernelSize must be a positive odd integer, got ${k}`);
  const [b, h, w, c] = x.shape;
  const r = (k - 1) / 2;
  if (probability === 0 || k === 1) return tf.clone(x);
  if (r >= h || r >= w) throw new Error(`randomGaussianBlur: kernelSize ${k} is too large for ${h}×${w} images (reflect padding needs it < 2·side)`);
  return tf.tidy(() => {
    const s = perImageUniform(b, sigma[0], sigma[1], seed, 1);
    const offsets = tf.range(-r, r + 1, 1, 'float32');
    // weights[b, i] ∝ exp(−t_i² / (2σ_b²)), normalised to sum 1.
    const logits = tf.div(tf.neg(tf.square(offsets)), tf.reshape(tf.mul(2, tf.square(s)), [b, 1]));
    const weights = tf.softmax(logits as tf.Tensor2D, 1);
    // One kernel per (image, channel), matching the [1, H, W, B·C] layout (b major, c minor).
    const perChannel = tf.reshape(tf.tile(tf.expandDims(weights, 1), [1, c, 1]), [b * c, k]);
    const kernels = tf.transpose(perChannel); // [k, B·C]
    const kx = tf.reshape(kernels, [1, k, b * c, 1]) as tf.Tensor4D;
    const ky = tf.reshape(kernels, [k, 1, b * c, 1]) as tf.Tensor4D;
    const stacked = tf.reshape(tf.transpose(x, [1, 2, 0, 3]), [1, h, w, b * c]) as tf.Tensor4D;
    const padded = tf.mirrorPad(stacked, [[0, 0], [r, r], [r, r], [0, 0]], 'reflect');
    const blurredStack = tf.depthwiseConv2d(tf.depthwiseConv2d(padded, kx, 1, 'valid'), ky, 1, 'valid');
    const blurred = tf.transpose(tf.reshape(blurredStack, [h, w, b, c]), [2, 0, 1, 3]) as tf.Tensor4D;
    return probability === 1 ? blurred : blendByMask(perImageMask(b, probability, seed, 0), blurred, x);
  });
}
