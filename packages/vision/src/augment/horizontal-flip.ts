import { tf } from '@pretext/core';
import { blendByMask, perImageMask, requireImages, requireProbability } from './random-draws.js';

/**
 * Mirrors each image left–right with probability `p` (default 0.5), independently per image.
 *
 * @param x - images `[B, H, W, C]`.
 * @param seed - seed of the per-image coin flips.
 */
export function randomHorizontalFlip(x: tf.Tensor4D, seed: number, p = 0.5): tf.Tensor4D {
  requireImages(x, 'randomHorizontalFlip');
  requireProbability(p, 'randomHorizontalFlip(p)');
  if (p === 0) return tf.clone(x);
  return tf.tidy(() => blendByMask(perImageMask(x.shape[0], p, seed, 0), tf.reverse(x, 2), x));
}
