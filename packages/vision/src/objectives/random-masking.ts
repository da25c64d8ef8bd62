import { tf } from '@pretext/core';

/** A per-sample random patch mask from {@link randomMasking}. */
export interface PatchMask {
  /** `[B, keep]` int32: indices of the visible patches, in shuffled order. */
  readonly keep: tf.Tensor2D;
  /** `[B, N]` int32: position of each patch in the shuffled order (unshuffles decoder tokens). */
  readonly restore: tf.Tensor2D;
  /** `[B, N]` float32: 1 where the patch is masked (reconstructed), 0 where visible. */
  readonly mask: tf.Tensor2D;
  /** Visible patches per sample. */
  readonly keepCount: number;
}

/**
 * MAE's per-sample random masking (He et al. 2021, §3): uniform noise per patch, patches sorted by
 * it (`tf.topk` of −noise), the first `round(N · (1 − ratio))` kept. Seeded; no JS loop.
 *
 * @param batch - B.
 * @param numPatches - N.
 * @param ratio - fraction of patches masked, in [0, 1) (MAE: 0.75).
 * @param seed - seed of the noise.
 */
export function randomMasking(batch: number, numPatches: number, ratio: number, seed: number): PatchMask {
  if (!(ratio >= 0 && ratio < 1)) throw new Error(`randomMasking: ratio must be in [0, 1), got ${ratio}`);
  const keepCount = Math.max(1, Math.round(numPatches * (1 - ratio)));
  const { keep, restore, mask } = tf.tidy(() => {
    const noise = tf.randomUniform([batch, numPatches], 0, 1, 'float32', seed);
    const shuffle = tf.topk(tf.neg(noise), numPatches).indices; // ascending noise
    // argsort of the permutation: where each patch went.
    const restore = tf.topk(tf.neg(tf.cast(shuffle, 'float32')), numPatches).indices;
    const keep = tf.slice(shuffle, [0, 0], [batch, keepCount]);
    const mask = tf.cast(tf.greaterEqual(restore, keepCount), 'float32');
    return { keep: keep as tf.Tensor2D, restore: restore as tf.Tensor2D, mask: mask as tf.Tensor2D };
  });
  return { keep, restore, mask, keepCount };
}

/**
 * Per-sample gather along the token axis: `out[b, k] = tokens[b, indices[b, k]]`, as one flat
 * `tf.gather` (differentiable w.r.t. `tokens` on every backend).
 *
 * @param tokens - `[B, N, D]`.
 * @param indices - `[B, K]` int32 in [0, N).
 */
export function gatherTokens(tokens: tf.Tensor3D, indices: tf.Tensor2D): tf.Tensor3D {
  const [b, n, d] = tokens.shape;
  const k = indices.shape[1];
  return tf.tidy(() => {
    const offsets = tf.reshape(tf.mul(tf.range(0, b, 1, 'int32'), tf.scalar(n, 'int32')), [b, 1]);
    const flat = tf.reshape(tf.add(indices, offsets), [b * k]);
    return tf.reshape(tf.gather(tf.reshape(tokens, [b * n, d]), flat), [b, k, d]);
  });
}
