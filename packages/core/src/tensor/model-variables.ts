import type * as tf from '@tensorflow/tfjs';

/** The tf.Variables behind a model's trainable weights (what the optimizer updates). */
export function trainableVariablesOf(...models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((m) => m.trainableWeights.map((w) => w.read() as tf.Variable));
}

/** The tf.Variables behind a model's non-trainable weights (batch-norm moving statistics). */
export function nonTrainableVariablesOf(...models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((m) => m.nonTrainableWeights.map((w) => w.read() as tf.Variable));
}
