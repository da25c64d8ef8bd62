import { tf } from '@pretext/core';
import { MaskedMeanPool } from '../models/masked-mean-pool.js';
import type { TextTokenizer } from '../tokenize/text-tokenizer.js';
import type { Word2Vec } from './word2vec.js';

/**
 * A probe-ready encoder from word2vec vectors: ids of `tokenizer` `[B, T]` → the mean of their
 * word vectors over non-`[PAD]` tokens `[B, dim]` (tokens without a vector, specials included,
 * embed as zeros). The embedding is trainable, so `fineTune` can adapt it.
 */
export function word2vecEncoder(model: Word2Vec, tokenizer: TextTokenizer, name = 'word2vec_encoder'): tf.LayersModel {
  const table = new Float32Array(tokenizer.vocabSize * model.dim);
  for (let id = 0; id < tokenizer.vocabSize; id++) {
    const token = tokenizer.idToToken(id);
    const w = token === undefined ? undefined : model.idOf(token);
    if (w !== undefined) table.set(model.vectors.subarray(w * model.dim, (w + 1) * model.dim), id * model.dim);
  }
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'tokens' });
  const embedding = tf.layers.embedding({ inputDim: tokenizer.vocabSize, outputDim: model.dim, name: 'word_vectors' });
  const vectors = embedding.apply(ids) as tf.SymbolicTensor;
  const pooled = new MaskedMeanPool({ name: 'pool' }).apply([vectors, ids]) as tf.SymbolicTensor;
  const encoder = tf.model({ inputs: ids, outputs: pooled, name });
  const init = tf.tensor2d(table, [tokenizer.vocabSize, model.dim]);
  embedding.setWeights([init]);
  init.dispose();
  return encoder;
}
