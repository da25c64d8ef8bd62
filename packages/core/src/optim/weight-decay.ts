import type * as tf from '@tensorflow/tfjs';

/**
 * The default exclusion from weight decay (and from LARS adaptation): variables of rank ≤ 1, i.e.
 * biases and the gains/offsets of LayerNorm/BatchNorm, as timm and lightly do (following
 * Goyal et al. 2017 and the SimCLR/BYOL recipes).
 */
export function isNoDecayVariable(v: tf.Variable): boolean {
  return v.rank <= 1;
}
