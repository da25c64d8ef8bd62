import { tf } from '@pretext/core';
import { mlpHead, SeededInitializers } from '@pretext/vision';
import type { ProjectionConfig } from './tower-config.js';

/**
 * A tower's projection head into the shared embedding space, on `[B, inputDim]` features:
 * `linear` is CLIP's bias-free projection matrix `W ∈ R^{inputDim × embedDim}` (Radford et al.
 * 2021, §2.4); `mlp` is vision's two-layer MLP head with `embedDim` outputs. Seeded initialisers.
 *
 * @param inputDim - the encoder's output width.
 * @param embedDim - the shared embedding width.
 * @param name - model name (also the prefix of its layers' names).
 */
export function projectionHead(inputDim: number, config: ProjectionConfig, embedDim: number, seed: number, name: string): tf.LayersModel {
  if (config.type === 'mlp') return mlpHead(inputDim, { hidden: config.hidden, out: embedDim, batchNorm: config.batchNorm }, seed, name);
  const input = tf.input({ shape: [inputDim], name: `${name}_in` });
  const init = new SeededInitializers(seed);
  const out = tf.layers.dense({ units: embedDim, useBias: false, kernelInitializer: init.glorotUniform(), name: `${name}_linear` }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name });
}
