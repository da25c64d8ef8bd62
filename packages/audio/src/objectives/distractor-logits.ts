import { l2Normalize, tf } from '@pretext/core';

/**
 * The contrastive logits of wav2vec 2.0 (§3.2): for each masked frame `m`, the cosine similarity
 * (over `temperature`) of its context query with its own quantized target, then with each of its
 * `K` distractors — other frames' targets of the same utterance — with distractors that carry the
 * SAME code as the target set to −1e9 (fairseq's `neg_is_pos`: not a negative, no gradient).
 *
 * Computed from ONE similarity matrix `q̂ · t̂ᵀ` `[M, N]` and index gathers of its entries, not by
 * gathering `M·K` target vectors: the same numbers at a fraction of the memory traffic.
 *
 * @param query context projections of the masked frames `[M, d]`.
 * @param targets projected quantized targets of ALL frames `[N, d]`.
 * @param codes the quantizer's chosen entries of all frames `[N, G]` (int32).
 * @param positive the frame index (row of `targets`) of each masked frame, length M.
 * @param distractors `M·K` frame indices, K per masked frame, row-major.
 * @returns logits `[M, 1 + K]`, the positive first.
 */
export function distractorLogits(
  query: tf.Tensor2D,
  targets: tf.Tensor2D,
  codes: tf.Tensor2D,
  positive: readonly number[],
  distractors: readonly number[],
  temperature: number,
): tf.Tensor2D {
  const m = positive.length;
  const n = targets.shape[0];
  const k = distractors.length / m;
  if (query.shape[0] !== m || !Number.isInteger(k)) {
    throw new Error(`distractorLogits: ${query.shape[0]} queries, ${m} positives and ${distractors.length} distractors do not match`);
  }
  return tf.tidy(() => {
    const similarity = tf.reshape(tf.matMul(l2Normalize(query), l2Normalize(targets), false, true), [m * n]);
    const candidates = new Int32Array(m * (1 + k));
    const excluded = new Uint8Array(m * (1 + k));
    const g = codes.shape[1];
    const code = codes.dataSync(); // a few thousand ints: the mask is a constant of the step
    const sameCode = (a: number, b: number): boolean => {
      for (let j = 0; j < g; j++) if (code[a * g + j] !== code[b * g + j]) return false;
      return true;
    };
    for (let i = 0; i < m; i++) {
      candidates[i * (1 + k)] = i * n + positive[i]!;
      for (let j = 0; j < k; j++) {
        const d = distractors[i * k + j]!;
        candidates[i * (1 + k) + 1 + j] = i * n + d;
        excluded[i * (1 + k) + 1 + j] = sameCode(d, positive[i]!) ? 1 : 0;
      }
    }
    const logits = tf.div(tf.reshape(tf.gather(similarity, tf.tensor1d(candidates, 'int32')), [m, 1 + k]), temperature);
    return tf.where(tf.tensor2d(excluded, [m, 1 + k], 'bool'), tf.fill([m, 1 + k], -1e9), logits) as tf.Tensor2D;
  });
}
