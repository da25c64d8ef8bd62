import { tf } from '@pretext/core';
import { SeededInit } from './seeded-init.js';

/** Config of {@link gruContext}. */
export interface GruContextConfig {
  /** Hidden units (CPC: 256). */
  readonly units: number;
  /** Stacked GRU layers (default 1). */
  readonly layers?: number;
}

/**
 * CPC's autoregressive context network (van den Oord et al. 2018): GRU layers over latent frames,
 * `[B, T, D_in]` → `[B, T, units]`, where `c_t` summarises `z_≤t` (causal, so it cannot peek at the
 * future steps it must predict). Seeded.
 */
export function gruContext(inputDim: number, config: GruContextConfig, seed = 0, name = 'gru_context'): tf.LayersModel {
  const layers = config.layers ?? 1;
  if (!(Number.isInteger(config.units) && config.units > 0)) throw new Error(`gruContext: units must be a positive integer, got ${config.units}`);
  if (!(Number.isInteger(layers) && layers > 0)) throw new Error(`gruContext: layers must be a positive integer, got ${layers}`);
  const init = new SeededInit(seed);
  const input = tf.input({ shape: [null, inputDim], name: `${name}_latents` });
  let x: tf.SymbolicTensor = input;
  for (let i = 0; i < layers; i++) {
    x = tf.layers
      .gru({
        units: config.units,
        returnSequences: true,
        kernelInitializer: init.glorot(),
        recurrentInitializer: init.glorot(),
        name: `${name}_gru${i}`,
      })
      .apply(x) as tf.SymbolicTensor;
  }
  return tf.model({ inputs: input, outputs: x, name });
}
