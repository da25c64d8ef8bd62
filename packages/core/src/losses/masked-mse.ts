import * as tf from '@tensorflow/tfjs';
import { requireFloat, requirePositive, requireRank, requireSameShape } from './shape-checks.js';

/** Options of {@link maskedMseLoss}. */
export interface MaskedMseOptions {
  /**
   * Normalise each target patch by its own mean and variance over P before comparing (MAE's
   * `norm_pix_loss`, which the paper finds improves representations). Default `false`.
   */
  readonly normalizeTarget?: boolean;
  /** Added to the variance before the square root when normalising (default 1e-6, as in MAE). */
  readonly eps?: number;
}

const WHERE = 'maskedMseLoss (losses/masked-mse.ts)';

/**
 * The masked-patch reconstruction loss of Masked Autoencoders: He, Chen, Xie, Li, Dollár and
 * Girshick, "Masked Autoencoders Are Scalable Vision Learners", 2021, arXiv:2111.06377.
 *
 * For B samples of N patches with P values each and mask mₙ (1 = masked, i.e. reconstructed):
 *
 * ```
 * eₙ = (1 / P) Σₚ (predₙₚ − targetₙₚ)²               per-patch mean squared error
 * L  = Σₙ mₙ eₙ / Σₙ mₙ                              mean over masked patches only
 * ```
 *
 * With `normalizeTarget`, `targetₙ ← (targetₙ − μₙ) / √(σ²ₙ + eps)` where μₙ and σ²ₙ are the mean
 * and the unbiased variance (÷ (P − 1), as `torch.var` in the MAE reference code) over the
 * patch's P values; it needs P ≥ 2. The mask may also hold fractional weights. If no patch is
 * masked (Σ m = 0) the loss is 0, not NaN (the denominator is max(Σ m, 1e-12)).
 *
 * @param pred - decoder predictions, `[B, N, P]`.
 * @param target - patchified targets (e.g. pixels), `[B, N, P]`; no gradient is needed for it.
 * @param mask - `[B, N]`, 1 where the patch was masked out of the encoder input (any dtype).
 * @returns the scalar loss, differentiable w.r.t. `pred`.
 */
export function maskedMseLoss(
  pred: tf.Tensor,
  target: tf.Tensor,
  mask: tf.Tensor,
  options: MaskedMseOptions = {},
): tf.Scalar {
  const normalizeTarget = options.normalizeTarget ?? false;
  const eps = options.eps ?? 1e-6;
  requireRank(WHERE, 'pred', pred, 3, '[B, N, P]');
  requireSameShape(WHERE, 'pred', pred, 'target', target);
  requireFloat(WHERE, 'pred', pred);
  requireFloat(WHERE, 'target', target);
  requireRank(WHERE, 'mask', mask, 2, '[B, N]');
  if (mask.shape[0] !== pred.shape[0] || mask.shape[1] !== pred.shape[1]) {
    throw new Error(`${WHERE}: mask [${mask.shape.join(', ')}] must be [B, N] = [${pred.shape[0]}, ${pred.shape[1]}]`);
  }
  requirePositive(WHERE, 'eps', eps);
  const p = pred.shape[2]!;
  if (normalizeTarget && p < 2) {
    throw new Error(`${WHERE}: normalizeTarget needs at least 2 values per patch (P = ${p})`);
  }
  return tf.tidy(() => {
    let t = target;
    if (normalizeTarget) {
      const mean = tf.mean(target, 2, true);
      const centred = tf.sub(target, mean);
      const variance = tf.div(tf.sum(tf.square(centred), 2, true), p - 1);
      t = tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
    }
    const perPatch = tf.mean(tf.squaredDifference(pred, t), 2); // [B, N]
    const m = tf.cast(mask, 'float32');
    // Not tf.divNoNan: its gradient passes through an Equal op, which has no gradient in tfjs.
    return tf.div(tf.sum(tf.mul(perPatch, m)), tf.maximum(tf.sum(m), 1e-12)) as tf.Scalar;
  });
}
