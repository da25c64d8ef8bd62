import { tf } from '@pretext/core';
import { blendByMask, perImageMask, requireImages, requireProbability } from './random-draws.js';

/**
 * Solarization (BYOL, Grill et al. 2020, appendix B): every pixel value `v ≥ threshold` becomes
 * `1 − v`, applied to each image with probability `p`.
 *
 * @param x - images `[B, H, W, C]` in [0, 1].
 * @param seed - seed of the per-image coin flips.
 * @param p - probability per image.
 * @param threshold - default 0.5.
 */
export function randomSolarize(x: tf.Tensor4D, seed: number, p: number, threshold = 0.5): tf.Tensor4D {
  requireImages(x, 'randomSolarize');
  requireProbability(p, 'randomSolarize(p)');
  if (p === 0) return tf.clone(x);
  return tf.tidy(() => {
    const solarized = tf.where(tf.greaterEqual(x, threshold), tf.sub(1, x), x) as tf.Tensor4D;
    return blendByMask(perImageMask(x.shape[0], p, seed, 0), solarized, x);
  });
}
