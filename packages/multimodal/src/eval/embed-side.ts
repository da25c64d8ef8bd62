import { extractEmbeddings, type tf } from '@pretext/core';
import type { TowerSide } from '../model/tower.js';
import type { Clip } from '../objectives/clip.js';

/**
 * Normalised embeddings of many inputs of one tower, computed in batches (inference mode): what a
 * search index stores and what queries are compared with (cosine similarity = dot product).
 *
 * @param side - `'a'` or `'b'`: the tower whose inputs `inputs` are.
 * @param inputs - `[N, …]` inputs of that tower (images, token ids or waveforms); not disposed.
 * @returns `[N, embedDim]` unit-norm embeddings the caller owns.
 */
export async function embedSide(objective: Clip, side: TowerSide, inputs: tf.Tensor, batchSize = 256): Promise<tf.Tensor2D> {
  return extractEmbeddings((x) => objective.embedTower(side, x), inputs, { batchSize });
}
