import * as tf from '@tensorflow/tfjs';
import { requireFloat, requireRank, requireSameDim, requireSameShape } from './shape-checks.js';

const WHERE = 'negativeSamplingLoss (losses/negative-sampling.ts)';

/**
 * The negative-sampling objective of word2vec (skip-gram): Mikolov, Sutskever, Chen, Corrado and
 * Dean, "Distributed Representations of Words and Phrases and their Compositionality", 2013,
 * arXiv:1310.4546.
 *
 * For center vector vᵢ, its observed context vector uᵢ and K sampled noise vectors uᵢₖ:
 *
 * ```
 * ℓ(i) = −log σ(uᵢ·vᵢ) − Σₖ log σ(−uᵢₖ·vᵢ) = softplus(−uᵢ·vᵢ) + Σₖ softplus(uᵢₖ·vᵢ)
 * L    = (1 / B) Σᵢ ℓ(i)
 * ```
 *
 * The softplus form (`−log σ(x) = softplus(−x) = log(1 + e^{−x})`) stays finite for any score.
 *
 * @param center - center-word ("input") vectors v, `[B, D]`.
 * @param context - observed context-word ("output") vectors u, `[B, D]`.
 * @param negatives - noise context vectors, `[B, K, D]` (K per center word).
 * @returns the scalar mean loss, differentiable w.r.t. all three inputs.
 */
export function negativeSamplingLoss(center: tf.Tensor, context: tf.Tensor, negatives: tf.Tensor): tf.Scalar {
  requireRank(WHERE, 'center', center, 2, '[B, D]');
  requireSameShape(WHERE, 'center', center, 'context', context);
  requireRank(WHERE, 'negatives', negatives, 3, '[B, K, D]');
  requireSameDim(WHERE, 'negatives', negatives, 0, 'center', center, 0);
  requireSameDim(WHERE, 'negatives', negatives, 2, 'center', center, 1);
  requireFloat(WHERE, 'center', center);
  requireFloat(WHERE, 'context', context);
  requireFloat(WHERE, 'negatives', negatives);
  return tf.tidy(() => {
    const pos = tf.sum(tf.mul(context, center), 1); // [B]
    const neg = tf.squeeze(tf.matMul(negatives, tf.expandDims(center, 2)), [2]); // [B, K]
    const perSample = tf.add(tf.softplus(tf.neg(pos)), tf.sum(tf.softplus(neg), 1));
    return tf.mean(perSample) as tf.Scalar;
  });
}
