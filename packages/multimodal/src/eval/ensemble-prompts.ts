import { l2Normalize, tf } from '@pretext/core';

/**
 * Prompt ensembling of zero-shot classification (Radford et al. 2021, §3.1.4, and CLIP's
 * ImageNet notebook): the embedding of class k is the mean of the L2-normalised embeddings of its
 * M prompts, normalised again.
 *
 * @param promptEmbeds - `[K, M, D]`: M prompt embeddings per class (normalised or not).
 * @returns `[K, D]` unit-norm class embeddings (a new tensor the caller owns).
 */
export function ensemblePromptEmbeddings(promptEmbeds: tf.Tensor3D): tf.Tensor2D {
  if (promptEmbeds.rank !== 3) throw new Error(`ensemblePromptEmbeddings: expected [K, M, D] prompt embeddings, got shape [${promptEmbeds.shape.join(', ')}]`);
  return tf.tidy(() => l2Normalize(tf.mean(l2Normalize(promptEmbeds), 1)) as tf.Tensor2D);
}
