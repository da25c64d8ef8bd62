import { tf } from '@pretext/core';
import { LayerNorm } from './layer-norm.js';
import { MultiHeadSelfAttention } from './multi-head-self-attention.js';
import type { SeededInitializers } from './seeded-initializers.js';

/** Options of {@link transformerBlock}. */
export interface TransformerBlockOptions {
  /** Attention heads (must divide the token width). */
  readonly heads: number;
  /** Hidden width of the MLP as a multiple of the token width (ViT: 4). */
  readonly mlpRatio: number;
  /** Prefix of the block's layer names (unique within the model). */
  readonly name: string;
  /** Source of the block's initialiser seeds. */
  readonly init: SeededInitializers;
}

/**
 * Appends one PRE-LN transformer block (ViT, Dosovitskiy et al. 2021) to a symbolic token
 * sequence `[B, N, D]`: `x + MHSA(LN(x))`, then `x + MLP(LN(x))` with a GELU MLP of width
 * `mlpRatio · D`. Built from registered layers, so models that use it save and load.
 */
export function transformerBlock(x: tf.SymbolicTensor, options: TransformerBlockOptions): tf.SymbolicTensor {
  const { heads, mlpRatio, name, init } = options;
  const d = x.shape[x.shape.length - 1];
  if (typeof d !== 'number') throw new Error(`transformerBlock(${name}): the token width must be known`);
  const hidden = Math.max(1, Math.round(mlpRatio * d));
  const apply = (layer: tf.layers.Layer, input: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor =>
    layer.apply(input) as tf.SymbolicTensor;
  const ln1 = apply(new LayerNorm({ name: `${name}_ln1` }), x);
  const attn = apply(new MultiHeadSelfAttention({ heads, seed: init.next(), name: `${name}_attn` }), ln1);
  const x1 = apply(tf.layers.add({ name: `${name}_add1` }), [x, attn]);
  const ln2 = apply(new LayerNorm({ name: `${name}_ln2` }), x1);
  const fc1 = apply(tf.layers.dense({ units: hidden, activation: 'gelu', kernelInitializer: init.glorotUniform(), name: `${name}_mlp1` }), ln2);
  const fc2 = apply(tf.layers.dense({ units: d, kernelInitializer: init.glorotUniform(), name: `${name}_mlp2` }), fc1);
  return apply(tf.layers.add({ name: `${name}_add2` }), [x1, fc2]);
}
