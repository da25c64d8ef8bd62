import { tf } from '@pretext/core';
import { z } from 'zod';
import { LayerNorm } from '../models/layer-norm.js';
import { PositionEmbedding } from '../models/position-embedding.js';
import { SeededInitializers } from '../models/seeded-initializers.js';
import { transformerBlock } from '../models/transformer-block.js';

/** Zod schema of MAE's light decoder. Defaults: width 32, 1 block, 4 heads, MLP ratio 2. */
export const maeDecoderSchema = z.strictObject({
  dim: z.number().int().positive().default(32),
  depth: z.number().int().positive().default(1),
  heads: z.number().int().positive().default(4),
  mlpRatio: z.number().positive().default(2),
});

/** MAE decoder settings with defaults filled. */
export type MaeDecoderConfig = z.output<typeof maeDecoderSchema>;

/** The decoder's trainable parts. */
export interface MaeDecoder {
  /** Encoder width D → decoder width, applied to the visible latent tokens `[B, keep, D]`. */
  readonly embed: tf.LayersModel;
  /** Full token sequence `[B, N, dim]` (visible + mask tokens, unshuffled) → pixels `[B, N, P]`. */
  readonly body: tf.LayersModel;
  /** The learned mask token `[1, 1, dim]`. */
  readonly maskToken: tf.Variable;
}

/**
 * MAE's light decoder (He et al. 2021, §3): a linear projection of the encoder's visible tokens
 * to the decoder width, a shared learned mask token for every masked patch, its own learnable
 * position embedding, a few pre-LN transformer blocks, a layer norm and a linear layer to the
 * `patchValues` pixels of each patch.
 */
export function maeDecoder(encoderDim: number, numPatches: number, patchValues: number, config: MaeDecoderConfig, seed: number): MaeDecoder {
  if (config.dim % config.heads !== 0) throw new Error(`mae: decoder.heads (${config.heads}) must divide decoder.dim (${config.dim})`);
  const init = new SeededInitializers(seed);
  const latent = tf.input({ shape: [null, encoderDim], name: 'mae_latent' });
  const projected = tf.layers.dense({ units: config.dim, kernelInitializer: init.glorotUniform(), name: 'mae_decoder_embed' }).apply(latent) as tf.SymbolicTensor;
  const embed = tf.model({ inputs: latent, outputs: projected, name: 'mae_decoder_embed' });

  const tokens = tf.input({ shape: [numPatches, config.dim], name: 'mae_tokens' });
  let t = new PositionEmbedding({ seed: init.next(), name: 'mae_decoder_pos' }).apply(tokens) as tf.SymbolicTensor;
  for (let i = 0; i < config.depth; i++) {
    t = transformerBlock(t, { heads: config.heads, mlpRatio: config.mlpRatio, name: `mae_decoder_block${i + 1}`, init });
  }
  t = new LayerNorm({ name: 'mae_decoder_norm' }).apply(t) as tf.SymbolicTensor;
  const pixels = tf.layers.dense({ units: patchValues, kernelInitializer: init.glorotUniform(), name: 'mae_decoder_pred' }).apply(t) as tf.SymbolicTensor;
  const body = tf.model({ inputs: tokens, outputs: pixels, name: 'mae_decoder' });

  const initial = tf.truncatedNormal([1, 1, config.dim], 0, 0.02, 'float32', init.next());
  const maskToken = tf.variable(initial, true, `mae_mask_token_${maskTokenCount++}`);
  initial.dispose();
  return { embed, body, maskToken };
}

// tf.variable names must be unique in the engine; checkpoints compare names without the suffix.
let maskTokenCount = 0;
