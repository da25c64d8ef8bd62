import { tf } from '@pretext/core';

/** The parts of an audio encoder that objectives drive separately. */
export interface AudioEncoderParts {
  /** Waveform `[B, samples]` → latent frames `z` `[B, T, C]`. */
  readonly features: tf.LayersModel;
  /** Latent frames `[B, T, C]` → context frames `c` `[B, T, D]`. */
  readonly context: tf.LayersModel;
  /**
   * The whole encoder kept after pre-training: waveform `[B, samples]` → utterance embedding
   * `[B, D]`, the time average of the context frames. Shares its weights with the two parts.
   */
  readonly encoder: tf.LayersModel;
}

/**
 * Joins a feature encoder and a context network into the utterance encoder evaluation uses
 * (`features → context → global average over time`). The three models share variables.
 */
export function joinAudioEncoder(features: tf.LayersModel, context: tf.LayersModel, name = 'audio_encoder'): AudioEncoderParts {
  const input = tf.input({ shape: [null], name: `${name}_wave` });
  const z = features.apply(input) as tf.SymbolicTensor;
  const c = context.apply(z) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling1d({ name: `${name}_time_average` }).apply(c) as tf.SymbolicTensor;
  return { features, context, encoder: tf.model({ inputs: input, outputs: pooled, name }) };
}
