import { byolSymmetricLoss, nonTrainableVariablesOf, tf, trainableVariablesOf, type Batch, type Objective, type StepContext } from '@pretext/core';
import { z } from 'zod';
import type { TwoViews } from '../augment/presets.js';
import { deriveSeed, SEED_PURPOSE } from '../augment/derive-seed.js';
import { augmentView } from '../augment/view-augmentation.js';
import { buildEncoder, encoderConfigSchema } from '../models/encoder-config.js';
import { copyWeights, emaUpdate, mirroredWeights, type WeightPair } from './mirrored-weights.js';
import { mlpHead, mlpHeadSchema } from './mlp-head.js';
import { cosineMomentum } from './momentum-schedule.js';
import { embeddingDim, imagesOf, inputShapeSchema, resolveViews, seedSchema, twoViewAugmentationSchema } from './vision-config.js';

/**
 * Zod schema of the BYOL objective's config. Defaults: 28×28×1 images, a ResNet-8 encoder, the
 * `'byol'` augmentation preset, BN projector and predictor MLPs 256 → 64, base momentum 0.99.
 */
export const byolConfigSchema = z.strictObject({
  inputShape: inputShapeSchema,
  encoder: encoderConfigSchema.prefault({ type: 'resnet' }),
  augmentation: twoViewAugmentationSchema.default('byol'),
  projection: mlpHeadSchema.default({ hidden: 256, out: 64, batchNorm: true }),
  prediction: mlpHeadSchema.default({ hidden: 256, out: 64, batchNorm: true }),
  baseMomentum: z.number().min(0).max(1).default(0.99),
  seed: seedSchema,
});

/** A BYOL config with defaults filled. */
export type ByolConfig = z.output<typeof byolConfigSchema>;

/** A BYOL config as a user writes it. */
export type ByolConfigInput = z.input<typeof byolConfigSchema>;

/**
 * BYOL (Grill et al. 2020, arXiv:2006.07733): an ONLINE network (encoder, projector, predictor)
 * predicts the projection that a TARGET network (encoder and projector, no gradient) gives for the
 * other view, with the symmetrised normalised-MSE loss. The target starts as a copy of the online
 * network and follows it by an exponential moving average whose momentum rises from
 * `baseMomentum` to 1 by a cosine over the run ({@link cosineMomentum}), updated in `afterStep`.
 *
 * The target's weights are state variables (checkpointed, never given to the optimizer); its
 * batch-norm statistics are its own (it runs in training mode, as in the paper).
 */
export class Byol implements Objective {
  readonly name = 'byol';
  readonly encoder: tf.LayersModel;
  readonly projector: tf.LayersModel;
  readonly predictor: tf.LayersModel;
  readonly targetEncoder: tf.LayersModel;
  readonly targetProjector: tf.LayersModel;
  readonly config: ByolConfig;
  readonly views: TwoViews;
  /** The momentum used by the last EMA update (NaN before the first). */
  lastMomentum = Number.NaN;
  private readonly pairs: WeightPair[];

  constructor(config: ByolConfigInput = {}) {
    this.config = byolConfigSchema.parse(config);
    const { inputShape, seed, projection, prediction } = this.config;
    if (prediction.out !== projection.out) {
      throw new Error(`byol: prediction.out (${prediction.out}) must equal projection.out (${projection.out}): the predictor regresses the target projection`);
    }
    this.views = resolveViews(this.config.augmentation, inputShape);
    this.encoder = buildEncoder(this.config.encoder, inputShape, deriveSeed(seed, SEED_PURPOSE.init, 0), 'byol_encoder');
    const d = embeddingDim(this.encoder, 'byol');
    this.projector = mlpHead(d, projection, deriveSeed(seed, SEED_PURPOSE.init, 1), 'byol_projector');
    this.predictor = mlpHead(projection.out, prediction, deriveSeed(seed, SEED_PURPOSE.init, 2), 'byol_predictor');
    this.targetEncoder = buildEncoder(this.config.encoder, inputShape, deriveSeed(seed, SEED_PURPOSE.init, 0), 'byol_target_encoder');
    this.targetProjector = mlpHead(d, projection, deriveSeed(seed, SEED_PURPOSE.init, 1), 'byol_target_projector');
    this.pairs = [...mirroredWeights(this.encoder, this.targetEncoder), ...mirroredWeights(this.projector, this.targetProjector)];
    copyWeights(this.pairs);
    for (const m of [this.targetEncoder, this.targetProjector]) m.trainable = false;
  }

  trainableVariables(): tf.Variable[] {
    return trainableVariablesOf(this.encoder, this.projector, this.predictor);
  }

  stateVariables(): tf.Variable[] {
    return [
      ...nonTrainableVariablesOf(this.projector, this.predictor),
      ...this.targetEncoder.weights.map((w) => w.read() as tf.Variable),
      ...this.targetProjector.weights.map((w) => w.read() as tf.Variable),
    ];
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    const x = imagesOf(batch, this.config.inputShape, 'byol.loss');
    return tf.tidy(() => {
      const views = tf.concat([augmentView(x, this.views[0], deriveSeed(ctx.seed, SEED_PURPOSE.view, 1)), augmentView(x, this.views[1], deriveSeed(ctx.seed, SEED_PURPOSE.view, 2))], 0);
      const z = this.projector.apply(this.encoder.apply(views, { training: true }), { training: true }) as tf.Tensor2D;
      const [p1, p2] = tf.split(this.predictor.apply(z, { training: true }) as tf.Tensor2D, 2, 0);
      const target = this.targetProjector.apply(this.targetEncoder.apply(views, { training: true }), { training: true }) as tf.Tensor2D;
      const [t1, t2] = tf.split(target, 2, 0);
      return byolSymmetricLoss(p1!, p2!, t1!, t2!);
    });
  }

  /** EMA of the online encoder and projector into the target: `ξ ← τ ξ + (1 − τ) θ`. */
  afterStep(ctx: StepContext): void {
    const tau = cosineMomentum(ctx.step + 1, Math.max(ctx.totalSteps, 1), this.config.baseMomentum);
    this.lastMomentum = tau;
    emaUpdate(this.pairs, tau);
  }

  getConfig(): ByolConfig {
    return this.config;
  }

  dispose(): void {
    for (const m of [this.encoder, this.projector, this.predictor, this.targetEncoder, this.targetProjector]) m.dispose();
  }
}
