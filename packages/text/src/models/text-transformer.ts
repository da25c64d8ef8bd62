import { mixSeed, tf } from '@pretext/core';
import { z } from 'zod';
import { TextLayerNorm } from './layer-norm.js';
import { MaskedMeanPool } from './masked-mean-pool.js';
import { TextSelfAttention } from './self-attention.js';
import { TokenPositionEmbedding } from './token-position-embedding.js';

const positiveInt = z.number().int().positive();

/** Zod schema of a {@link textTransformer}'s architecture (small defaults that train on wasm). */
export const textTransformerSchema = z.strictObject({
  /** Token ids in [0, vocabSize): the tokenizer's `vocabSize`. */
  vocabSize: positiveInt,
  /** Longest sequence (position table rows). */
  maxLength: positiveInt.default(64),
  /** Width D. */
  dim: positiveInt.default(64),
  /** Transformer blocks. */
  depth: positiveInt.default(2),
  heads: positiveInt.default(4),
  /** MLP width as a multiple of D. */
  mlpRatio: z.number().positive().default(4),
  seed: z.number().int().min(0).max(0xffffffff).default(0),
});

/** A text transformer's architecture, defaults filled. */
export type TextTransformerConfig = z.output<typeof textTransformerSchema>;

/** Names of the layers objectives use. */
export const TEXT_LAYERS = { embed: 'embed', finalNorm: 'final_norm', pool: 'pool' } as const;

/**
 * A PRE-LN transformer over token ids (BERT/GPT-2 style; pre-LN: Xiong et al. 2020): token +
 * learned position embeddings, `depth` blocks `x + MHSA(LN(x))`, `x + MLP(LN(x))` (GELU), a final
 * layer norm, and a masked mean pool over non-`[PAD]` tokens. Input: int32 ids `[B, T]` with any
 * T ≤ maxLength; output: sentence embeddings `[B, D]` (what probes and fine-tuning use). With
 * `causal`, attention only looks back (GPT). Every layer is registered, so it saves and loads;
 * {@link textTransformerParts} recovers the token-level pieces.
 */
export function textTransformer(config: z.input<typeof textTransformerSchema>, causal: boolean, name = 'text_transformer'): tf.LayersModel {
  const c = textTransformerSchema.parse(config);
  if (c.dim % c.heads !== 0) throw new Error(`textTransformer: heads (${c.heads}) must divide dim (${c.dim})`);
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'tokens' });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  let x = apply(new TokenPositionEmbedding({ vocabSize: c.vocabSize, dim: c.dim, maxLength: c.maxLength, seed: mixSeed(c.seed, 0), name: TEXT_LAYERS.embed }), ids);
  const hidden = Math.max(1, Math.round(c.mlpRatio * c.dim));
  for (let i = 0; i < c.depth; i++) {
    const seed = (k: number) => mixSeed(c.seed, i + 1, k);
    const n = `block${i + 1}`;
    const a = apply(new TextSelfAttention({ heads: c.heads, causal, seed: seed(0), name: `${n}_attn` }), [apply(new TextLayerNorm({ name: `${n}_ln1` }), x), ids]);
    x = apply(tf.layers.add({ name: `${n}_add1` }), [x, a]);
    const m1 = apply(tf.layers.dense({ units: hidden, activation: 'gelu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed(1) }), name: `${n}_mlp1` }), apply(new TextLayerNorm({ name: `${n}_ln2` }), x));
    const m2 = apply(tf.layers.dense({ units: c.dim, kernelInitializer: tf.initializers.glorotUniform({ seed: seed(2) }), name: `${n}_mlp2` }), m1);
    x = apply(tf.layers.add({ name: `${n}_add2` }), [x, m2]);
  }
  x = apply(new TextLayerNorm({ name: TEXT_LAYERS.finalNorm }), x);
  const pooled = apply(new MaskedMeanPool({ name: TEXT_LAYERS.pool }), [x, ids]);
  return tf.model({ inputs: ids, outputs: pooled, name });
}

/** The token-level pieces of a {@link textTransformer}. */
export interface TextTransformerParts {
  /** ids `[B, T]` → final hidden states `[B, T, D]` (shares the encoder's weights). */
  readonly sequence: tf.LayersModel;
  /** The embedding layer, whose token table a tied LM head reuses. */
  readonly embedding: TokenPositionEmbedding;
}

/**
 * Finds the pieces of an encoder built by {@link textTransformer} (also after save and load).
 * @throws Error when `encoder` is not such a model.
 */
export function textTransformerParts(encoder: tf.LayersModel): TextTransformerParts {
  let embedding: tf.layers.Layer;
  let norm: tf.layers.Layer;
  try {
    embedding = encoder.getLayer(TEXT_LAYERS.embed);
    norm = encoder.getLayer(TEXT_LAYERS.finalNorm);
  } catch {
    throw new Error(`textTransformerParts: encoder '${encoder.name}' was not built by textTransformer() (no '${TEXT_LAYERS.embed}'/'${TEXT_LAYERS.finalNorm}' layer)`);
  }
  if (!(embedding instanceof TokenPositionEmbedding)) throw new Error(`textTransformerParts: layer '${TEXT_LAYERS.embed}' is not a TokenPositionEmbedding`);
  const sequence = tf.model({ inputs: encoder.inputs, outputs: norm.output as tf.SymbolicTensor, name: `${encoder.name}_sequence` });
  return { sequence, embedding };
}
