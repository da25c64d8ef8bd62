import { ntXentLoss, nonTrainableVariablesOf, tf, trainableVariablesOf, type Batch, type Objective, type StepContext } from '@pretext/core';
import { z } from 'zod';
import type { TwoViews } from '../augment/presets.js';
import { deriveSeed, SEED_PURPOSE } from '../augment/derive-seed.js';
import { augmentView } from '../augment/view-augmentation.js';
import { buildEncoder, encoderConfigSchema } from '../models/encoder-config.js';
import { mlpHead, mlpHeadSchema } from './mlp-head.js';
import { embeddingDim, imagesOf, inputShapeSchema, resolveViews, seedSchema, twoViewAugmentationSchema } from './vision-config.js';

/**
 * Zod schema of the SimCLR objective's config. Defaults: 28×28×1 images, a ResNet-8 encoder
 * (widths 16/32/64), the `'simclr'` augmentation preset, a BN projection MLP 128 → 64,
 * temperature 0.5, seed 0.
 */
export const simclrConfigSchema = z.strictObject({
  inputShape: inputShapeSchema,
  encoder: encoderConfigSchema.prefault({ type: 'resnet' }),
  augmentation: twoViewAugmentationSchema.default('simclr'),
  projection: mlpHeadSchema.default({ hidden: 128, out: 64, batchNorm: true }),
  temperature: z.number().positive().default(0.5),
  seed: seedSchema,
});

/** A SimCLR config with defaults filled. */
export type SimclrConfig = z.output<typeof simclrConfigSchema>;

/** A SimCLR config as a user writes it. */
export type SimclrConfigInput = z.input<typeof simclrConfigSchema>;

/**
 * SimCLR (Chen, Kornblith, Norouzi, Hinton 2020, arXiv:2002.05709): two augmented views of each
 * image, one encoder and a projection MLP, and the NT-Xent loss that pulls the two views of an
 * image together against the other 2B − 2 views of the batch. Both views go through the encoder in
 * ONE forward pass (batch norm sees all 2B views, as with SimCLR's global BN on one device).
 *
 * View v (1 or 2) is drawn with seed `deriveSeed(ctx.seed, SEED_PURPOSE.view, v)`: runs are deterministic.
 */
export class Simclr implements Objective {
  readonly name = 'simclr';
  readonly encoder: tf.LayersModel;
  /** The projection head g(·); discarded after pre-training. */
  readonly projector: tf.LayersModel;
  readonly config: SimclrConfig;
  /** The two view pipelines the augmentation setting resolved to. */
  readonly views: TwoViews;

  constructor(config: SimclrConfigInput = {}) {
    this.config = simclrConfigSchema.parse(config);
    const { inputShape, seed } = this.config;
    this.views = resolveViews(this.config.augmentation, inputShape);
    this.encoder = buildEncoder(this.config.encoder, inputShape, deriveSeed(seed, SEED_PURPOSE.init, 0), 'simclr_encoder');
    this.projector = mlpHead(embeddingDim(this.encoder, 'simclr'), this.config.projection, deriveSeed(seed, SEED_PURPOSE.init, 1), 'simclr_projector');
  }

  trainableVariables(): tf.Variable[] {
    return trainableVariablesOf(this.encoder, this.projector);
  }

  stateVariables(): tf.Variable[] {
    return nonTrainableVariablesOf(this.projector);
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    const x = imagesOf(batch, this.config.inputShape, 'simclr.loss');
    const b = x.shape[0];
    if (b < 2) throw new Error(`simclr.loss: needs at least 2 images per batch (negatives), got ${b}`);
    return tf.tidy(() => {
      const v1 = augmentView(x, this.views[0], deriveSeed(ctx.seed, SEED_PURPOSE.view, 1));
      const v2 = augmentView(x, this.views[1], deriveSeed(ctx.seed, SEED_PURPOSE.view, 2));
      const h = this.encoder.apply(tf.concat([v1, v2], 0), { training: true }) as tf.Tensor;
      const z = this.projector.apply(h, { training: true }) as tf.Tensor2D;
      const [z1, z2] = tf.split(z, 2, 0);
      return ntXentLoss(z1!, z2!, { temperature: this.config.temperature });
    });
  }

  getConfig(): SimclrConfig {
    return this.config;
  }

  dispose(): void {
    this.encoder.dispose();
    this.projector.dispose();
  }
}
