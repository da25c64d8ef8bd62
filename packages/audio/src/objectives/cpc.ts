import { infoNceLoss, mixSeed, Rng, tf, type Batch, type Objective, type StepContext } from '@pretext/core';
import { z } from 'zod';
import { joinAudioEncoder, type AudioEncoderParts } from '../models/audio-encoder.js';
import { convFeatureEncoder } from '../models/conv-feature-encoder.js';
import { gruContext } from '../models/gru-context.js';
import { SeededInit } from '../models/seeded-init.js';
import { convEncoderSchema, seedSchema, trainableVariablesOf, waveOf } from './audio-config.js';
import { batchFrames, sameUtteranceFrames } from './frame-sampling.js';

/**
 * Zod schema of the CPC objective's config. Defaults follow van den Oord et al. 2018 for audio
 * (512-channel conv encoder at 10 ms, a 256-unit GRU, k = 12 future steps) with negatives from the
 * same utterance and from the batch.
 */
export const cpcConfigSchema = z.strictObject({
  encoder: convEncoderSchema.prefault({}),
  context: z.strictObject({ units: z.number().int().positive().default(256), layers: z.number().int().positive().default(1) }).prefault({}),
  /** Future latent steps predicted, each with its own linear predictor W_k. */
  predictionSteps: z.number().int().positive().default(12),
  /** Negatives per prediction drawn from the same utterance (other time steps). */
  sameUtteranceNegatives: z.number().int().min(0).default(8),
  /** Negatives per prediction drawn from anywhere in the batch. */
  batchNegatives: z.number().int().min(0).default(8),
  /** At most this many (utterance, t) queries per step k (a seeded subset; bounds memory). */
  maxQueriesPerStep: z.number().int().positive().default(256),
  seed: seedSchema,
});

/** A CPC config with defaults filled. */
export type CpcConfig = z.output<typeof cpcConfigSchema>;
/** A CPC config as a user writes it. */
export type CpcConfigInput = z.input<typeof cpcConfigSchema>;

/**
 * Contrastive Predictive Coding for audio (van den Oord, Li and Vinyals 2018, arXiv:1807.03748):
 * a strided conv encoder maps the waveform to latents `z_t` (10 ms), a GRU summarises them into
 * context `c_t`, and for each k = 1…K a linear predictor `W_k c_t` must pick `z_{t+k}` among
 * negatives drawn from other time steps of the same utterance and from the whole batch — the
 * InfoNCE loss with bilinear scores `z·W_k c_t` (no normalisation, temperature 1), averaged over k.
 *
 * Negatives and query subsets of step s are drawn from `ctx.seed`: runs are deterministic.
 * `embed` is the time-averaged context (what a linear probe reads).
 */
export class Cpc implements Objective {
  readonly name = 'cpc';
  readonly encoder: tf.LayersModel;
  /** Waveform → latent frames `z`. */
  readonly features: tf.LayersModel;
  /** Latent frames → context frames `c` (GRU). */
  readonly context: tf.LayersModel;
  /** The K linear predictors, as one bias-free dense layer `D → K·C` (column block k is W_k). */
  readonly predictors: tf.LayersModel;
  readonly config: CpcConfig;

  constructor(config: CpcConfigInput = {}) {
    this.config = cpcConfigSchema.parse(config);
    const { seed, encoder, context, predictionSteps } = this.config;
    const parts = cpcEncoder(this.config);
    this.encoder = parts.encoder;
    this.features = parts.features;
    this.context = parts.context;
    const init = new SeededInit(mixSeed(seed, 2));
    this.predictors = tf.sequential({
      name: 'cpc_predictors',
      layers: [tf.layers.dense({ inputShape: [context.units], units: predictionSteps * encoder.channels, useBias: false, kernelInitializer: init.glorot() })],
    });
    if (this.config.sameUtteranceNegatives + this.config.batchNegatives === 0) throw new Error('cpc: needs at least one negative (sameUtteranceNegatives or batchNegatives)');
  }

  trainableVariables(): tf.Variable[] {
    return trainableVariablesOf(this.encoder, this.predictors);
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    const wave = waveOf(batch, 'cpc.loss');
    const { predictionSteps: K, sameUtteranceNegatives: nSame, batchNegatives: nBatch, maxQueriesPerStep } = this.config;
    return tf.tidy(() => {
      const z = this.features.apply(wave, { training: true }) as tf.Tensor3D;
      const [b, t, ch] = z.shape;
      if (t <= K) throw new Error(`cpc.loss: clips give ${t} latent frames; need more than predictionSteps (${K}) — use longer clips`);
      const c = this.context.apply(z, { training: true }) as tf.Tensor3D;
      const d = c.shape[2];
      const zFlat = tf.reshape(z, [b * t, ch]) as tf.Tensor2D;
      const cFlat = tf.reshape(c, [b * t, d]) as tf.Tensor2D;
      const kernel = this.predictors.trainableWeights[0]!.read() as tf.Tensor2D; // [D, K·C]
      const rng = new Rng(ctx.seed);
      const losses: tf.Scalar[] = [];
      for (let k = 1; k <= K; k++) {
        const q = queryPositions(rng, b, t - k, maxQueriesPerStep);
        const rows = q.map(([u, s]) => u * t + s);
        const pos = q.map(([u, s]) => u * t + s + k);
        const neg: number[] = [];
        const keep: number[] = [];
        q.forEach(([u, s], i) => {
          sameUtteranceFrames(rng, u, t, s + k, nSame, neg);
          for (let j = 0; j < nSame; j++) keep.push(1);
          batchFrames(rng, b * t, pos[i]!, nBatch, neg, keep);
        });
        const wk = tf.slice(kernel, [0, (k - 1) * ch], [d, ch]);
        const query = tf.matMul(tf.gather(cFlat, rows), wk);
        const negatives = tf.reshape(tf.gather(zFlat, neg), [q.length, nSame + nBatch, ch]);
        const negativeMask = tf.tensor2d(keep, [q.length, nSame + nBatch], 'int32');
        losses.push(infoNceLoss(query, tf.gather(zFlat, pos), { negatives, negativeMask, normalize: false, temperature: 1 }));
      }
      return tf.div(tf.addN(losses), K) as tf.Scalar;
    });
  }

  embed(batch: Batch): tf.Tensor2D {
    return this.encoder.predict(waveOf(batch, 'cpc.embed')) as tf.Tensor2D;
  }

  getConfig(): CpcConfig {
    return this.config;
  }

  dispose(): void {
    this.encoder.dispose();
    this.predictors.dispose();
  }
}

/**
 * The encoder CPC pre-trains, freshly initialised from a CPC config (seed `seed`, default the
 * config's): conv features → GRU → time average. What a supervised-only baseline trains.
 */
export function cpcEncoder(config: CpcConfigInput = {}, seed?: number): AudioEncoderParts {
  const c = cpcConfigSchema.parse(config);
  const s = seed ?? c.seed;
  const features = convFeatureEncoder({ channels: c.encoder.channels, layers: c.encoder.layers as [number, number][], norm: c.encoder.norm }, mixSeed(s, 0), 'cpc_features');
  return joinAudioEncoder(features, gruContext(c.encoder.channels, c.context, mixSeed(s, 1), 'cpc_context'), 'cpc_encoder');
}

/** All (utterance, t) with t < valid, or a seeded subset of `max` of them. */
function queryPositions(rng: Rng, b: number, valid: number, max: number): [number, number][] {
  const total = b * valid;
  const picks = total <= max ? Array.from({ length: total }, (_, i) => i) : rng.permutation(total).slice(0, max).sort((x, y) => x - y);
  return picks.map((i) => [Math.floor(i / valid), i % valid]);
}
