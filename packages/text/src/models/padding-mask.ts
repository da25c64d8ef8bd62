import { tf } from '@pretext/core';

/** Id of the padding token (`[PAD]`), masked out of attention and pooling. */
export const PAD_ID = 0;

/** 1 for real tokens, 0 for `[PAD]`: `[B, T]` float32 from int ids `[B, T]`. */
export function tokenMask(ids: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.notEqual(ids, tf.scalar(PAD_ID, ids.dtype)), 'float32') as tf.Tensor2D);
}
