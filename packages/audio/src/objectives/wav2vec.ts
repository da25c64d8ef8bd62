import { mixSeed, Rng, tf, type Batch, type Objective, type StepContext } from '@pretext/core';
import { z } from 'zod';
import { joinAudioEncoder, type AudioEncoderParts } from '../models/audio-encoder.js';
import { convFeatureEncoder } from '../models/conv-feature-encoder.js';
import { SeededInit } from '../models/seeded-init.js';
import { transformerContext } from '../models/transformer-context.js';
import { convEncoderSchema, seedSchema, trainableVariablesOf, waveOf } from './audio-config.js';
import { sameUtteranceFrames } from './frame-sampling.js';
import { distractorLogits } from './distractor-logits.js';
import { GumbelQuantizer } from './gumbel-quantizer.js';
import { MaskEmbedding } from './mask-embedding.js';
import { spanMask } from './span-mask.js';

const int = () => z.number().int().positive();

/**
 * Zod schema of the wav2vec-style objective. Defaults: the 10 ms conv encoder (512 channels), a
 * 4-block transformer of width 256, masking p = 0.065 / M = 10, G = 2 codebooks of V = 320 entries,
 * 100 distractors, κ = 0.1, diversity weight α = 0.1, Gumbel temperature annealed 2 → 0.5.
 */
export const wav2vecConfigSchema = z.strictObject({
  encoder: convEncoderSchema.prefault({}),
  context: z
    .strictObject({ dModel: int().default(256), layers: int().default(4), heads: int().default(4), ffDim: int().optional(), positionKernel: int().default(31) })
    .prefault({}),
  mask: z.strictObject({ startProbability: z.number().min(0).max(1).default(0.065), span: int().default(10) }).prefault({}),
  quantizer: z.strictObject({ groups: int().default(2), entries: int().default(320), codeDim: int().default(256) }).prefault({}),
  /** Width of the space where context and quantized targets are compared. */
  finalDim: int().default(256),
  /** Distractors per masked frame, drawn from other frames of the same utterance. */
  distractors: int().default(100),
  /** Temperature κ of the cosine-similarity contrastive loss. */
  temperature: z.number().positive().default(0.1),
  /** Weight α of the codebook diversity loss. */
  diversityWeight: z.number().min(0).default(0.1),
  /** Gumbel-softmax temperature, annealed geometrically from `start` to `end` over the run's steps. */
  gumbelTemperature: z.strictObject({ start: z.number().positive().default(2), end: z.number().positive().default(0.5) }).prefault({}),
  seed: seedSchema,
});

/** A wav2vec-style config with defaults filled. */
export type Wav2vecConfig = z.output<typeof wav2vecConfigSchema>;
/** A wav2vec-style config as a user writes it. */
export type Wav2vecConfigInput = z.input<typeof wav2vecConfigSchema>;

/** Loss terms of the last step, for monitoring (numbers read after the step). */
export interface Wav2vecStepStats {
  readonly gumbelTemperature: number;
  readonly maskedFraction: number;
}

/**
 * wav2vec 2.0-style pre-training (Baevski, Zhou, Mohamed, Auli 2020, arXiv:2006.11477): conv
 * features `z` of the raw waveform; spans of latent frames are masked (replaced by a learned
 * vector) before a transformer context network; a Gumbel-softmax product quantizer turns the
 * UNMASKED `z` into targets `q`; for each masked frame the projected context `c_t` must identify
 * its `q_t` among distractors `q_t'` from other frames of the same utterance (cosine similarity,
 * temperature κ; distractors identical to the target are excluded), plus α × the diversity loss
 * that spreads use over the codebook entries.
 *
 * Differences from the paper, for small runs: the conv stack strides 10 ms (not 20 ms); the Gumbel
 * temperature is annealed over the run's planned steps; no feature penalty (the conv encoder is
 * layer-normalised). Masks, distractors and Gumbel noise of a step come from `ctx.seed`.
 */
export class Wav2vec implements Objective {
  readonly name = 'wav2vec';
  readonly encoder: tf.LayersModel;
  /** Waveform → latent frames `z`. */
  readonly features: tf.LayersModel;
  /** (masked) latent frames → context frames `c` (transformer). */
  readonly context: tf.LayersModel;
  readonly maskEmbedding: MaskEmbedding;
  readonly quantizer: GumbelQuantizer;
  /** Projections of context (`D → finalDim`) and of quantized targets (`codeDim → finalDim`). */
  readonly projectContext: tf.LayersModel;
  readonly projectTargets: tf.LayersModel;
  readonly config: Wav2vecConfig;
  /** Set by each `loss` call. */
  lastStats: Wav2vecStepStats | undefined;

  constructor(config: Wav2vecConfigInput = {}) {
    this.config = wav2vecConfigSchema.parse(config);
    const { seed, encoder: enc, context, quantizer, finalDim } = this.config;
    const parts = wav2vecEncoder(this.config);
    this.encoder = parts.encoder;
    this.features = parts.features;
    this.context = parts.context;
    this.maskEmbedding = new MaskEmbedding({ seed: mixSeed(seed, 2), name: 'w2v_mask_embedding' });
    this.maskEmbedding.build([null, null, enc.channels]);
    this.quantizer = new GumbelQuantizer({ ...quantizer, seed: mixSeed(seed, 3), name: 'w2v_quantizer' });
    this.quantizer.build([null, enc.channels]);
    const init = new SeededInit(mixSeed(seed, 4));
    const dense = (inDim: number, name: string) =>
      tf.sequential({ name, layers: [tf.layers.dense({ inputShape: [inDim], units: finalDim, kernelInitializer: init.glorot() })] });
    this.projectContext = dense(context.dModel, 'w2v_project_context');
    this.projectTargets = dense(quantizer.codeDim, 'w2v_project_targets');
  }

  trainableVariables(): tf.Variable[] {
    return trainableVariablesOf(this.encoder, this.maskEmbedding, this.quantizer, this.projectContext, this.projectTargets);
  }

  /** The Gumbel temperature at `step` of `totalSteps`. */
  gumbelTemperatureAt(step: number, totalSteps: number): number {
    const { start, end } = this.config.gumbelTemperature;
    const progress = totalSteps > 1 ? Math.min(1, step / (totalSteps - 1)) : 1;
    return start * (end / start) ** progress;
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    const wave = waveOf(batch, 'wav2vec.loss');
    const { distractors: nNeg, temperature, diversityWeight } = this.config;
    const tau = this.gumbelTemperatureAt(ctx.step, ctx.totalSteps);
    return tf.tidy(() => {
      const z = this.features.apply(wave, { training: true }) as tf.Tensor3D;
      const [b, t, ch] = z.shape;
      if (t < 2) throw new Error(`wav2vec.loss: clips give ${t} latent frames; need at least 2 — use longer clips`);
      const rng = new Rng(mixSeed(ctx.seed, 0));
      const mask = spanMask(rng, b, t, this.config.mask);
      const masked: number[] = [];
      mask.forEach((m, i) => m && masked.push(i));
      const maskT = tf.tensor2d(mask, [b, t], 'int32');
      const c = this.context.apply(this.maskEmbedding.apply([z, maskT]) as tf.Tensor3D, { training: true }) as tf.Tensor3D;
      const cMasked = tf.gather(tf.reshape(c, [b * t, c.shape[2]]), masked);
      const query = this.projectContext.apply(cMasked) as tf.Tensor2D;
      const q = this.quantizer.quantize(tf.reshape(z, [b * t, ch]) as tf.Tensor2D, tau, mixSeed(ctx.seed, 1));
      const targets = this.projectTargets.apply(q.vectors) as tf.Tensor2D;
      const negIdx: number[] = [];
      for (const i of masked) sameUtteranceFrames(rng, Math.floor(i / t), t, i % t, nNeg, negIdx);
      // −log of the positive's softmax among itself and its distractors (wav2vec 2.0, eq. 3).
      const logits = distractorLogits(query, targets, q.codes, masked, negIdx, temperature);
      const contrastive = tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.squeeze(tf.slice(logits, [0, 0], [-1, 1]), [1])));
      this.lastStats = { gumbelTemperature: tau, maskedFraction: masked.length / (b * t) };
      return tf.add(contrastive, tf.mul(diversityWeight, q.diversityLoss)) as tf.Scalar;
    });
  }

  embed(batch: Batch): tf.Tensor2D {
    return this.encoder.predict(waveOf(batch, 'wav2vec.embed')) as tf.Tensor2D;
  }

  getConfig(): Wav2vecConfig {
    return this.config;
  }

  dispose(): void {
    this.encoder.dispose();
    // Built by hand, never applied to a symbolic input: free their weights directly.
    for (const w of [...this.maskEmbedding.weights, ...this.quantizer.weights]) w.dispose();
    this.projectContext.dispose();
    this.projectTargets.dispose();
  }
}

/**
 * The encoder the wav2vec-style objective pre-trains, freshly initialised from its config (seed
 * `seed`, default the config's): conv features → transformer → time average.
 */
export function wav2vecEncoder(config: Wav2vecConfigInput = {}, seed?: number): AudioEncoderParts {
  const c = wav2vecConfigSchema.parse(config);
  const s = seed ?? c.seed;
  const features = convFeatureEncoder({ channels: c.encoder.channels, layers: c.encoder.layers as [number, number][], norm: c.encoder.norm }, mixSeed(s, 0), 'w2v_features');
  return joinAudioEncoder(features, transformerContext(c.encoder.channels, c.context, mixSeed(s, 1), 'w2v_context'), 'w2v_encoder');
}
