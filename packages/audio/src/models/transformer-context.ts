import { tf } from '@pretext/core';
import { SeededInit } from './seeded-init.js';
import { AudioTransformerBlock } from './transformer-block.js';

/** Config of {@link transformerContext}. */
export interface TransformerContextConfig {
  /** Model width (wav2vec 2.0 base: 768). */
  readonly dModel: number;
  /** Transformer blocks (base: 12). */
  readonly layers: number;
  /** Attention heads (base: 12). */
  readonly heads: number;
  /** Feed-forward width (default 4·dModel). */
  readonly ffDim?: number;
  /** Kernel of the convolutional relative position embedding (default 31; base: 128). */
  readonly positionKernel?: number;
}

/**
 * wav2vec 2.0's context network (Baevski et al. 2020): latent frames `[B, T, D_in]` → a linear
 * projection to `dModel`, plus a convolutional relative position embedding (a 'same'-padded conv1d
 * with GELU, added residually), layer norm, then pre-norm transformer blocks, → `[B, T, dModel]`.
 * Every frame attends to every other one, so masked frames are inferred from their context.
 */
export function transformerContext(inputDim: number, config: TransformerContextConfig, seed = 0, name = 'transformer_context'): tf.LayersModel {
  const { dModel, layers, heads } = config;
  const kernel = config.positionKernel ?? 31;
  for (const [k, v] of [['dModel', dModel], ['layers', layers], ['heads', heads], ['positionKernel', kernel]] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`transformerContext: ${k} must be a positive integer, got ${v}`);
  }
  const init = new SeededInit(seed);
  const input = tf.input({ shape: [null, inputDim], name: `${name}_latents` });
  let x = tf.layers.dense({ units: dModel, kernelInitializer: init.glorot(), name: `${name}_project` }).apply(input) as tf.SymbolicTensor;
  const pos = tf.layers
    .conv1d({ filters: dModel, kernelSize: kernel, padding: 'same', activation: 'gelu', kernelInitializer: init.glorot(), name: `${name}_position_conv` })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.add({ name: `${name}_add_position` }).apply([x, pos]) as tf.SymbolicTensor;
  x = tf.layers.layerNormalization({ axis: -1, name: `${name}_norm` }).apply(x) as tf.SymbolicTensor;
  for (let i = 0; i < layers; i++) {
    const args = { heads, seed: init.seed(), name: `${name}_block${i}`, ...(config.ffDim === undefined ? {} : { ffDim: config.ffDim }) };
    x = new AudioTransformerBlock(args).apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.layerNormalization({ axis: -1, name: `${name}_final_norm` }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x, name });
}
