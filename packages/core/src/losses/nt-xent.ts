import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './l2-normalize.js';
import { requireFloat, requirePositive, requireRank, requireSameShape } from './shape-checks.js';

/** Options of {@link ntXentLoss}. */
export interface NtXentOptions {
  /** Softmax temperature τ > 0 (default 0.5, as in lightly's `NTXentLoss`). */
  readonly temperature?: number;
}

const WHERE = 'ntXentLoss (losses/nt-xent.ts)';

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR: Chen, Kornblith, Norouzi
 * and Hinton, "A Simple Framework for Contrastive Learning of Visual Representations", 2020,
 * arXiv:2002.05709.
 *
 * The 2B embeddings `z = [z1; z2]` are L2-normalised and compared by cosine similarity
 * `s(i, j) = ẑᵢ·ẑⱼ`. Each embedding's positive is the other view of the same sample; its 2B − 2
 * negatives are every other embedding of the batch (both views), itself excluded:
 *
 * ```
 * ℓ(i) = −s(i, p(i))/τ + log Σ_{k ≠ i} exp(s(i, k)/τ)        p(i) = i ± B (the other view)
 * L    = (1 / 2B) Σᵢ ℓ(i)                                   (mean over both views)
 * ```
 *
 * computed with a log-sum-exp (self-similarities are removed from the sum, not subtracted).
 * Symmetric in the two views and invariant to the scale of each embedding. With B = 1 there are
 * no negatives and the loss is 0.
 *
 * @param z1 - projections of the first view, `[B, D]`.
 * @param z2 - projections of the second view, `[B, D]` (row i is the positive of `z1` row i).
 * @returns the scalar mean loss, differentiable w.r.t. `z1` and `z2`.
 */
export function ntXentLoss(z1: tf.Tensor, z2: tf.Tensor, options: NtXentOptions = {}): tf.Scalar {
  const temperature = options.temperature ?? 0.5;
  requireRank(WHERE, 'z1', z1, 2, '[B, D]');
  requireSameShape(WHERE, 'z1', z1, 'z2', z2);
  requireFloat(WHERE, 'z1', z1);
  requireFloat(WHERE, 'z2', z2);
  requirePositive(WHERE, 'temperature', temperature);
  const n = 2 * z1.shape[0];
  return tf.tidy(() => {
    const a = l2Normalize(z1);
    const b = l2Normalize(z2);
    const z = tf.concat([a, b], 0);
    const logits = tf.div(tf.matMul(z, z, false, true), temperature);
    // Drop each embedding's similarity to itself: -1e9 vanishes under exp and, through tf.where,
    // passes no gradient back to the diagonal.
    const self = tf.cast(tf.eye(n), 'bool');
    const others = tf.where(self, tf.scalar(-1e9), logits);
    const pos = tf.div(tf.sum(tf.mul(a, b), 1), temperature);
    const positives = tf.concat([pos, pos], 0);
    return tf.mean(tf.sub(tf.logSumExp(others, 1), positives)) as tf.Scalar;
  });
}
