import { tf } from '@pretext/core';
import type { TokenPositionEmbedding } from '../models/token-position-embedding.js';

/**
 * Language-model logits with the output projection TIED to the input token table (Press & Wolf
 * 2017): `logits = h · Eᵀ + b` for hidden states `[B, T, D]` → `[B·T, V]`.
 */
export function tiedLogits(hidden: tf.Tensor, embedding: TokenPositionEmbedding, bias: tf.Variable): tf.Tensor2D {
  return tf.tidy(() => {
    const d = hidden.shape[hidden.rank - 1]!;
    const flat = tf.reshape(hidden, [-1, d]) as tf.Tensor2D;
    return tf.add(tf.matMul(flat, embedding.tokenTable() as tf.Tensor2D, false, true), bias) as tf.Tensor2D;
  });
}
