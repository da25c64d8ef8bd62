import { tf } from '@pretext/core';
import { z } from 'zod';
import { BN_MOMENTUM } from '../models/resnet.js';
import { SeededInitializers } from '../models/seeded-initializers.js';

/** Zod schema of an MLP head (projector or predictor) in an objective config. */
export const mlpHeadSchema = z.strictObject({
  /** Width of the hidden layer. */
  hidden: z.number().int().positive(),
  /** Output width. */
  out: z.number().int().positive(),
  /** Batch norm after the hidden layer (SimCLR's code and BYOL use it). */
  batchNorm: z.boolean(),
});

/** An MLP head's shape: `Linear(hidden) → [BN] → ReLU → Linear(out)`. */
export type MlpHeadConfig = z.output<typeof mlpHeadSchema>;

/**
 * A two-layer MLP head on `[B, inputDim]` features: `Dense(hidden) → BN (optional) → ReLU →
 * Dense(out)` — SimCLR's projection head (Chen et al. 2020, §2.1) and BYOL's projector and
 * predictor (Grill et al. 2020, §3.3), at widths scaled to small encoders. Seeded initialisers.
 */
export function mlpHead(inputDim: number, config: MlpHeadConfig, seed: number, name: string): tf.LayersModel {
  const init = new SeededInitializers(seed);
  const input = tf.input({ shape: [inputDim], name: `${name}_in` });
  let x = tf.layers
    .dense({ units: config.hidden, useBias: !config.batchNorm, kernelInitializer: init.heNormal(), name: `${name}_fc1` })
    .apply(input) as tf.SymbolicTensor;
  if (config.batchNorm) x = tf.layers.batchNormalization({ momentum: BN_MOMENTUM, name: `${name}_bn` }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ name: `${name}_relu` }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: config.out, kernelInitializer: init.glorotUniform(), name: `${name}_fc2` }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name });
}
