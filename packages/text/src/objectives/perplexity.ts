import { tf } from '@pretext/core';
import type { CausalLm } from './causal-lm.js';

/**
 * Perplexity of a causal LM on sequences: `exp(mean NLL)` over every next-token prediction whose
 * target is not `[PAD]` (each sequence predicts tokens 2..T from their prefixes), computed in
 * batches of `batchSize` rows. Leaves nothing allocated.
 *
 * @param ids int32 `[N, T]` padded sequences (not disposed).
 */
export async function perplexity(model: CausalLm, ids: tf.Tensor2D, batchSize = 32): Promise<number> {
  const [n, t] = ids.shape;
  let nll = 0;
  let count = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const [sum, valid] = tf.tidy(() => {
      const { logits, targets } = model.shifted(tf.slice(ids, [start, 0], [size, t]));
      const mask = tf.notEqual(targets, -100);
      const safe = tf.where(mask, targets, tf.zerosLike(targets));
      const logp = tf.logSoftmax(logits);
      const picked = tf.sum(tf.mul(tf.oneHot(safe, logits.shape[1]), logp), 1);
      return [tf.neg(tf.sum(tf.mul(picked, tf.cast(mask, 'float32')))), tf.sum(tf.cast(mask, 'float32'))];
    });
    nll += (await sum.data())[0]!;
    count += (await valid.data())[0]!;
    sum.dispose();
    valid.dispose();
  }
  if (count === 0) throw new Error('perplexity: no target token (every sequence is shorter than 2 real tokens)');
  return Math.exp(nll / count);
}
