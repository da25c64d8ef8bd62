import { maskedMseLoss, tf, trainableVariablesOf, type Batch, type Objective, type StepContext } from '@pretext/core';
import { z } from 'zod';
import { deriveSeed, SEED_PURPOSE } from '../augment/derive-seed.js';
import { buildEncoder, vitEncoderSchema } from '../models/encoder-config.js';
import { vitParts, type VitParts } from '../models/vit.js';
import { maeDecoder, maeDecoderSchema, type MaeDecoder } from './mae-decoder.js';
import { patchify } from './patchify.js';
import { gatherTokens, randomMasking } from './random-masking.js';
import { imagesOf, inputShapeSchema, seedSchema } from './vision-config.js';

/**
 * Zod schema of the MAE objective's config. Defaults: 28×28×1 images, a ViT encoder (patch 4,
 * width 64, 4 blocks), mask ratio 0.75, a 1-block decoder of width 32, per-patch normalised
 * targets.
 */
export const maeConfigSchema = z.strictObject({
  inputShape: inputShapeSchema,
  encoder: vitEncoderSchema.prefault({ type: 'vit' }),
  maskRatio: z.number().min(0).lt(1).default(0.75),
  decoder: maeDecoderSchema.prefault({}),
  normPixLoss: z.boolean().default(true),
  seed: seedSchema,
});

/** An MAE config with defaults filled. */
export type MaeConfig = z.output<typeof maeConfigSchema>;

/** An MAE config as a user writes it. */
export type MaeConfigInput = z.input<typeof maeConfigSchema>;

/**
 * Masked Autoencoder (He, Chen, Xie, Li, Dollár, Girshick 2021, arXiv:2111.06377): each image's
 * patches are masked at random (`maskRatio`, 0.75), the ViT encoder sees the VISIBLE patches only
 * (its blocks run on `keep` tokens), a light decoder reconstructs every patch from the encoded
 * visible tokens and mask tokens, and the loss is the mean squared error on the MASKED patches,
 * each target patch normalised by its own mean and variance (`normPixLoss`).
 *
 * The encoder must be a ViT built by `vit()`; for evaluation it embeds whole images (all patches).
 */
export class Mae implements Objective {
  readonly name = 'mae';
  readonly encoder: tf.LayersModel;
  readonly decoder: MaeDecoder;
  readonly config: MaeConfig;
  private readonly parts: VitParts;

  constructor(config: MaeConfigInput = {}) {
    this.config = maeConfigSchema.parse(config);
    const { inputShape, seed } = this.config;
    this.encoder = buildEncoder(this.config.encoder, inputShape, deriveSeed(seed, SEED_PURPOSE.init, 0), 'mae_encoder');
    this.parts = vitParts(this.encoder);
    const patchValues = this.parts.patchSize * this.parts.patchSize * inputShape[2];
    this.decoder = maeDecoder(this.parts.dim, this.parts.numPatches, patchValues, this.config.decoder, deriveSeed(seed, SEED_PURPOSE.init, 1));
  }

  trainableVariables(): tf.Variable[] {
    return [...trainableVariablesOf(this.encoder, this.decoder.embed, this.decoder.body), this.decoder.maskToken];
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    const x = imagesOf(batch, this.config.inputShape, 'mae.loss');
    const b = x.shape[0];
    const { numPatches: n, patchSize } = this.parts;
    return tf.tidy(() => {
      const masking = randomMasking(b, n, this.config.maskRatio, deriveSeed(ctx.seed, SEED_PURPOSE.mask, 0));
      const tokens = this.parts.embedPatches(x, true);
      const visible = gatherTokens(tokens, masking.keep);
      const latent = this.parts.trunk.apply(visible, { training: true }) as tf.Tensor3D;
      const projected = this.decoder.embed.apply(latent, { training: true }) as tf.Tensor3D;
      const dim = projected.shape[2];
      const maskTokens = tf.tile(this.decoder.maskToken, [b, n - masking.keepCount, 1]);
      const shuffled = tf.concat([projected, maskTokens], 1) as tf.Tensor3D;
      const full = gatherTokens(shuffled, masking.restore);
      const pred = this.decoder.body.apply(tf.reshape(full, [b, n, dim]), { training: true }) as tf.Tensor3D;
      return maskedMseLoss(pred, patchify(x, patchSize), masking.mask, { normalizeTarget: this.config.normPixLoss });
    });
  }

  getConfig(): MaeConfig {
    return this.config;
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.embed.dispose();
    this.decoder.body.dispose();
    this.decoder.maskToken.dispose();
  }
}
