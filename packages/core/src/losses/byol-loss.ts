import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './l2-normalize.js';
import { requireFloat, requireRank, requireSameShape } from './shape-checks.js';
import { stopGradient } from './stop-gradient.js';

/** Options of {@link byolLoss} and {@link byolSymmetricLoss}. */
export interface ByolLossOptions {
  /**
   * Treat the target projection as a constant (BYOL's stop-gradient `sg(z′)`): no gradient flows
   * into it (default `true`). See {@link stopGradient} about the target network's variables.
   */
  readonly stopTargetGradient?: boolean;
}

const WHERE = 'byolLoss (losses/byol-loss.ts)';

/**
 * BYOL's normalised regression loss: Grill, Strub, Altché, Tallec, Richemond et al., "Bootstrap
 * Your Own Latent: A New Approach to Self-Supervised Learning", 2020, arXiv:2006.07733.
 *
 * The online prediction p and the target projection z are L2-normalised and compared:
 *
 * ```
 * ℓ(i) = ‖p̂ᵢ − ẑᵢ‖² = 2 − 2·cos(pᵢ, zᵢ)        L = (1 / B) Σᵢ ℓ(i)  ∈ [0, 4]
 * ```
 *
 * @param p - online predictions `q_θ(z_θ)`, `[B, D]`.
 * @param z - target projections `z′_ξ` of the other view, `[B, D]`.
 * @returns the scalar mean loss, differentiable w.r.t. `p` (and `z` if `stopTargetGradient` is off).
 */
export function byolLoss(p: tf.Tensor, z: tf.Tensor, options: ByolLossOptions = {}): tf.Scalar {
  requireRank(WHERE, 'p', p, 2, '[B, D]');
  requireSameShape(WHERE, 'p', p, 'z', z);
  requireFloat(WHERE, 'p', p);
  requireFloat(WHERE, 'z', z);
  const stop = options.stopTargetGradient ?? true;
  return tf.tidy(() => {
    const target = stop ? stopGradient(z) : z;
    const cos = tf.sum(tf.mul(l2Normalize(p), l2Normalize(target)), 1);
    return tf.mean(tf.sub(2, tf.mul(2, cos))) as tf.Scalar;
  });
}

/**
 * The symmetrised BYOL loss of the paper, `L = ℓ(p₁, z₂) + ℓ(p₂, z₁)` (a sum, as in Grill et al.
 * 2020, §3.1: each view's prediction regresses the other view's target projection), each term the
 * batch mean of {@link byolLoss}. Range [0, 8].
 *
 * @param p1 - online predictions of view 1, `[B, D]`.
 * @param p2 - online predictions of view 2, `[B, D]`.
 * @param z1 - target projections of view 1, `[B, D]`.
 * @param z2 - target projections of view 2, `[B, D]`.
 */
export function byolSymmetricLoss(
  p1: tf.Tensor,
  p2: tf.Tensor,
  z1: tf.Tensor,
  z2: tf.Tensor,
  options: ByolLossOptions = {},
): tf.Scalar {
  return tf.tidy(() => tf.add(byolLoss(p1, z2, options), byolLoss(p2, z1, options)) as tf.Scalar);
}
