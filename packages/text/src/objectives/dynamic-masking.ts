import { mixSeed, tf } from '@pretext/core';
import { NUM_SPECIAL_TOKENS, SPECIAL_IDS } from '../tokenize/special-tokens.js';

/** The label of positions that are not predicted (core's `tokenCrossEntropyLoss` default). */
export const IGNORE_INDEX = -100;

/** A masked batch: what the model reads and what it must predict. */
export interface MaskedTokens {
  /** Ids with the selected positions corrupted. */
  readonly inputs: tf.Tensor2D;
  /** The original id at selected positions, `ignoreIndex` (−100) elsewhere. */
  readonly labels: tf.Tensor2D;
}

/**
 * BERT's dynamic masking (Devlin et al. 2019), drawn afresh for every step from `seed` with tensor
 * ops (nothing is read back): each ordinary token (special tokens and `[PAD]` never) is selected
 * with probability `maskProb`; a selected token becomes `[MASK]` with probability 0.8, a uniformly
 * random ordinary token with 0.1, and stays unchanged with 0.1. Labels are the original ids at
 * selected positions and −100 elsewhere.
 */
export function dynamicMasking(ids: tf.Tensor2D, vocabSize: number, maskProb: number, seed: number): MaskedTokens {
  return tf.tidy(() => {
    const shape = ids.shape;
    const ordinary = tf.greaterEqual(ids, tf.scalar(NUM_SPECIAL_TOKENS, 'int32'));
    const selected = tf.logicalAnd(ordinary, tf.less(tf.randomUniform(shape, 0, 1, 'float32', mixSeed(seed, 1)), maskProb));
    const r = tf.randomUniform(shape, 0, 1, 'float32', mixSeed(seed, 2));
    const toMask = tf.logicalAnd(selected, tf.less(r, 0.8));
    const toRandom = tf.logicalAnd(selected, tf.logicalAnd(tf.greaterEqual(r, 0.8), tf.less(r, 0.9)));
    const random = tf.randomUniform(shape, NUM_SPECIAL_TOKENS, vocabSize, 'int32', mixSeed(seed, 3));
    const inputs = tf.where(toMask, tf.fill(shape, SPECIAL_IDS.mask, 'int32'), tf.where(toRandom, random, ids)) as tf.Tensor2D;
    const labels = tf.where(selected, ids, tf.fill(shape, IGNORE_INDEX, 'int32')) as tf.Tensor2D;
    return { inputs, labels };
  });
}
