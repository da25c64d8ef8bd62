import type { Batch, tf } from '@pretext/core';

/**
 * The token ids of a text batch (`tokens`, int32 `[B, T]`), checked against the vocabulary and
 * the longest sequence a model takes.
 * @throws Error naming `where` when `tokens` is missing or has the wrong rank, dtype or length.
 */
export function tokensOf(batch: Batch, maxLength: number, where: string): tf.Tensor2D {
  const t = batch.tokens;
  if (!t) throw new Error(`${where}: the batch has no 'tokens' (int32 ids [B, T]); got keys ${Object.keys(batch).join(', ')}`);
  if (t.rank !== 2 || t.dtype !== 'int32') throw new Error(`${where}: batch.tokens must be int32 [B, T], got ${t.dtype} [${t.shape.join(', ')}]`);
  if (t.shape[1]! > maxLength) throw new Error(`${where}: batch.tokens has length ${t.shape[1]}, more than maxLength ${maxLength}`);
  return t as tf.Tensor2D;
}
