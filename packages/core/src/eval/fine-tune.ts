import type * as tf from '@tensorflow/tfjs';
import { cloneEncoder, type EncoderFactory } from './encoder-copies.js';
import {
  trainEncoderClassifier,
  type EncoderClassifierOptions,
  type EncoderClassifierResult,
  type LabeledExamples,
} from './train-encoder-classifier.js';

/** Options of {@link fineTune}. */
export interface FineTuneOptions extends EncoderClassifierOptions {
  /** The encoder's learning rate as a fraction of the head's (default 0.1; 0 freezes it). */
  readonly encoderLrScale?: number;
  /**
   * Builds the copy that is fine-tuned (the pre-trained weights are then loaded into it). Needed
   * when `encoder.toJSON()` cannot be deserialised (custom layers that are not registered).
   */
  readonly encoderFactory?: EncoderFactory;
}

/**
 * Fine-tuning protocol: a COPY of the pre-trained encoder and a new linear head are trained
 * end-to-end on the labeled examples, the encoder at a lower learning rate
 * (`learningRate · encoderLrScale`), early-stopped on a stratified validation split. The
 * caller's `encoder` is never modified.
 *
 * The result holds the fine-tuned copy and head (the caller disposes both) with validation and
 * test accuracy; `initialValAccuracy` is the validation accuracy before any update.
 *
 * @example
 * ```ts
 * const ft = await fineTune(objective.encoder, { inputs: x10pct, labels: y10pct }, { test: { inputs: xTest, labels: yTest } });
 * console.log(ft.testAccuracy);
 * ft.encoder.dispose(); ft.head.dispose();
 * ```
 */
export async function fineTune(
  encoder: tf.LayersModel,
  train: LabeledExamples,
  options: FineTuneOptions = {},
): Promise<EncoderClassifierResult> {
  const copy = await cloneEncoder(encoder, options.encoderFactory, options.seed ?? 0, 'fineTune');
  try {
    return await trainEncoderClassifier(copy, train, options, options.encoderLrScale ?? 0.1, 'fineTune');
  } catch (e) {
    copy.dispose();
    throw e;
  }
}
