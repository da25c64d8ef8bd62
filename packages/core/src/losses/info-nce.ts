import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './l2-normalize.js';
import { requireFloat, requirePositive, requireRank, requireSameDim, requireSameShape } from './shape-checks.js';

/** Options of {@link infoNceLoss}. */
export interface InfoNceOptions {
  /**
   * Explicit negative keys: `[N, D]` shared by every query (e.g. a MoCo queue) or `[B, N, D]`,
   * N negatives per query (e.g. CPC / wav2vec 2.0 distractors sampled from the same sequence).
   */
  readonly negatives?: tf.Tensor;
  /**
   * Also use the other queries' positive keys as negatives (B − 1 per query). Defaults to `true`
   * when `negatives` is absent and `false` when it is given.
   */
  readonly inBatchNegatives?: boolean;
  /** Excludes explicit negatives: `[B, N]` or `[N]`, 1/true = use, 0/false = ignore (e.g. a
   * distractor identical to the positive, as wav2vec 2.0 does). Only with `negatives`. */
  readonly negativeMask?: tf.Tensor;
  /** Softmax temperature τ > 0 (default 0.1). */
  readonly temperature?: number;
  /**
   * L2-normalise queries and keys so that scores are cosine similarities (default `true`).
   * Pass `false` for raw dot-product / bilinear scores (CPC: `query = W_k c_t`, temperature 1).
   */
  readonly normalize?: boolean;
}

const WHERE = 'infoNceLoss (losses/info-nce.ts)';

/**
 * InfoNCE, the noise-contrastive estimation loss of Contrastive Predictive Coding: van den Oord,
 * Li and Vinyals, "Representation Learning with Contrastive Predictive Coding", 2018,
 * arXiv:1807.03748.
 *
 * For query qᵢ, its positive key kᵢ and its set of negatives 𝒩ᵢ, with score
 * `s(q, k) = q̂·k̂ / τ` (or `q·k / τ` without normalisation):
 *
 * ```
 * ℓ(i) = −s(qᵢ, kᵢ) + log( exp s(qᵢ, kᵢ) + Σ_{n ∈ 𝒩ᵢ} exp s(qᵢ, n) )
 * L    = (1 / B) Σᵢ ℓ(i)
 * ```
 *
 * i.e. a (B-way or 1 + |𝒩ᵢ|-way) cross-entropy whose target is the positive, computed with a
 * log-sum-exp. 𝒩ᵢ is the union of the in-batch negatives {kⱼ : j ≠ i} (when `inBatchNegatives`)
 * and the explicit `negatives` (shared `[N, D]` or the i-th row of `[B, N, D]`), less those
 * masked out by `negativeMask`.
 *
 * @param query - queries / anchors / context predictions, `[B, D]`.
 * @param positiveKey - the positive key of each query, `[B, D]`.
 * @returns the scalar mean loss, differentiable w.r.t. `query`, `positiveKey` and `negatives`.
 * @throws when no negatives are configured (`inBatchNegatives: false` without `negatives`),
 * on shape mismatches and on a non-positive temperature.
 */
export function infoNceLoss(query: tf.Tensor, positiveKey: tf.Tensor, options: InfoNceOptions = {}): tf.Scalar {
  const { negatives, negativeMask } = options;
  const inBatch = options.inBatchNegatives ?? negatives === undefined;
  const temperature = options.temperature ?? 0.1;
  const normalize = options.normalize ?? true;
  validate(query, positiveKey, negatives, negativeMask, inBatch, temperature);
  return tf.tidy(() => {
    const q = normalize ? l2Normalize(query) : query;
    const k = normalize ? l2Normalize(positiveKey) : positiveKey;
    const pos = tf.div(tf.sum(tf.mul(q, k), 1), temperature);
    // Candidates of each row: the positive (first, or on the diagonal of q·kᵀ) and its negatives.
    const parts: tf.Tensor[] = [inBatch ? tf.div(tf.matMul(q, k, false, true), temperature) : tf.expandDims(pos, 1)];
    if (negatives !== undefined) {
      const negs = normalize ? l2Normalize(negatives) : negatives;
      const raw =
        negs.rank === 2
          ? tf.matMul(q, negs, false, true) // [B, N]
          : tf.squeeze(tf.matMul(negs, tf.expandDims(q, 2)), [2]); // [B, N, D]·[B, D, 1] → [B, N]
      let negLogits = tf.div(raw, temperature);
      if (negativeMask !== undefined) {
        // Masked negatives get −1e9: exp underflows to 0 and tf.where sends them no gradient.
        const keep = tf.broadcastTo(tf.cast(negativeMask, 'bool'), negLogits.shape);
        negLogits = tf.where(keep, negLogits, tf.scalar(-1e9));
      }
      parts.push(negLogits);
    }
    const logits = parts.length === 1 ? parts[0]! : tf.concat(parts, 1);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), pos)) as tf.Scalar;
  });
}

function validate(
  query: tf.Tensor,
  positiveKey: tf.Tensor,
  negatives: tf.Tensor | undefined,
  negativeMask: tf.Tensor | undefined,
  inBatch: boolean,
  temperature: number,
): void {
  requireRank(WHERE, 'query', query, 2, '[B, D]');
  requireSameShape(WHERE, 'query', query, 'positiveKey', positiveKey);
  requireFloat(WHERE, 'query', query);
  requireFloat(WHERE, 'positiveKey', positiveKey);
  requirePositive(WHERE, 'temperature', temperature);
  if (negatives === undefined) {
    if (!inBatch) {
      throw new Error(`${WHERE}: no negatives: pass options.negatives or leave inBatchNegatives on`);
    }
    if (negativeMask !== undefined) throw new Error(`${WHERE}: negativeMask needs options.negatives`);
    return;
  }
  requireFloat(WHERE, 'negatives', negatives);
  if (negatives.rank === 2) {
    requireSameDim(WHERE, 'negatives', negatives, 1, 'query', query, 1);
  } else if (negatives.rank === 3) {
    requireSameDim(WHERE, 'negatives', negatives, 0, 'query', query, 0);
    requireSameDim(WHERE, 'negatives', negatives, 2, 'query', query, 1);
  } else {
    throw new Error(
      `${WHERE}: negatives must be [N, D] (shared) or [B, N, D] (per query), got shape [${negatives.shape.join(', ')}]`,
    );
  }
  if (negativeMask !== undefined) {
    const n = negatives.shape[negatives.rank - 2]!;
    const b = query.shape[0]!;
    const ok =
      (negativeMask.rank === 1 && negativeMask.shape[0] === n) ||
      (negativeMask.rank === 2 && negativeMask.shape[0] === b && negativeMask.shape[1] === n);
    if (!ok) {
      throw new Error(`${WHERE}: negativeMask must be [${b}, ${n}] or [${n}], got [${negativeMask.shape.join(', ')}]`);
    }
  }
}
