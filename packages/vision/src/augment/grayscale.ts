import { tf } from '@pretext/core';
import { blendByMask, perImageMask, requireImages, requireProbability } from './random-draws.js';

/** ITU-R 601-2 luma of RGB images `[B, H, W, 3]` → `[B, H, W, 1]` (torchvision's weights). */
export function rgbToGray(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.sum(tf.mul(x, tf.tensor1d([0.299, 0.587, 0.114])), 3, true));
}

/**
 * Converts each RGB image to gray (kept as 3 equal channels) with probability `p`. A no-op on
 * 1-channel images, which are gray already.
 *
 * @param x - images `[B, H, W, C]`, C = 1 or 3.
 * @param seed - seed of the per-image coin flips.
 */
export function randomGrayscale(x: tf.Tensor4D, seed: number, p: number): tf.Tensor4D {
  requireImages(x, 'randomGrayscale');
  requireProbability(p, 'randomGrayscale(p)');
  if (x.shape[3] === 1 || p === 0) return tf.clone(x);
  return tf.tidy(() => blendByMask(perImageMask(x.shape[0], p, seed, 0), tf.tile(rgbToGray(x), [1, 1, 1, 3]), x));
}
