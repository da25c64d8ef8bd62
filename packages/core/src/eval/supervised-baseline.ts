import type * as tf from '@tensorflow/tfjs';
import { freshEncoder, type EncoderFactory } from './encoder-copies.js';
import {
  trainEncoderClassifier,
  type EncoderClassifierOptions,
  type EncoderClassifierResult,
  type LabeledExamples,
} from './train-encoder-classifier.js';

/** Options of {@link supervisedBaseline}: the same as fine-tuning's, plus where the architecture comes from. */
export interface SupervisedBaselineOptions extends EncoderClassifierOptions {
  /** Builds the freshly initialised encoder (seeded with `seed`); preferred for reproducibility. */
  readonly encoderFactory?: EncoderFactory;
  /**
   * Without a factory: an encoder whose ARCHITECTURE is rebuilt from `toJSON()` with fresh
   * weights (its own weights are not used).
   */
  readonly architecture?: tf.LayersModel;
  /** The encoder's learning rate as a fraction of the head's (default 1: trained from scratch). */
  readonly encoderLrScale?: number;
}

/**
 * The supervised-only baseline of a label-efficiency study: the same encoder architecture,
 * trained FROM SCRATCH on the same labeled examples with the same linear head, optimizer and
 * early stopping as {@link fineTune}, so that the gain of pre-training is the difference of the
 * two accuracies. The result holds the trained encoder and head (the caller disposes both).
 *
 * @example
 * ```ts
 * const base = await supervisedBaseline({ inputs: x1pct, labels: y1pct }, { encoderFactory: makeEncoder, test });
 * ```
 */
export async function supervisedBaseline(
  train: LabeledExamples,
  options: SupervisedBaselineOptions,
): Promise<EncoderClassifierResult> {
  const where = 'supervisedBaseline';
  const encoder = await freshEncoder(options.architecture, options.encoderFactory, options.seed ?? 0, where);
  try {
    return await trainEncoderClassifier(encoder, train, options, options.encoderLrScale ?? 1, where);
  } catch (e) {
    encoder.dispose();
    throw e;
  }
}
