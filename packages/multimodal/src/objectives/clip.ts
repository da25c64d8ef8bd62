import { clipLoss, l2Normalize, nonTrainableVariablesOf, tf, trainableVariablesOf, type Batch, type Objective, type StepContext } from '@pretext/core';
import { augmentView, deriveSeed, SEED_PURPOSE } from '@pretext/vision';
import { buildTower, checkTowerInput, towerInput, type Tower, type TowerSide } from '../model/tower.js';
import { clipConfigSchema, type ClipConfig, type ClipConfigInput } from './clip-config.js';

let logScaleCount = 0;

/**
 * CLIP (Radford, Kim, Hallacy, Ramesh, Goh, Agarwal et al. 2021, arXiv:2103.00020) for any two
 * Pretext encoders: image–text, audio–text, audio–image. Each tower encodes its batch field and
 * projects it into a shared space; the embeddings are L2-normalised and scored against every
 * other pair of the batch with a learnable logit scale (initialised to 1/0.07, capped at
 * `maxLogitScale`), trained with core's symmetric {@link clipLoss}.
 *
 * Batches carry both sides under the towers' keys (by default `x` for images, `tokens` for token
 * ids, `wave` for waveforms), row i of one side paired with row i of the other. An image tower's
 * augmentation, if any, is drawn during training only, with seed
 * `deriveSeed(ctx.seed, SEED_PURPOSE.view, 1 | 2)` (tower a | b): runs are deterministic.
 *
 * `encoder` is tower a's encoder, so probes and `saveEncoder` use it; both are `encoderA` /
 * `encoderB`. `embed(batch)` gives tower a's encoder features (before projection), as CLIP's
 * linear probes read them.
 */
export class Clip implements Objective {
  readonly name = 'clip';
  readonly config: ClipConfig;
  /** Tower a's encoder (the objective's `encoder`). */
  readonly encoder: tf.LayersModel;
  /** The two towers, `[a, b]`. */
  readonly towers: readonly [Tower, Tower];
  /** The learnable LOG logit scale (a scalar variable); the scale is `min(exp(v), maxLogitScale)`. */
  readonly logScale: tf.Variable<tf.Rank.R0>;

  constructor(config: ClipConfigInput) {
    const parsed = clipConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.map(String).join('.') : '(config)'}: ${i.message}`);
      throw new Error(`clip (objectives/clip.ts): invalid config:\n${issues.join('\n')}`);
    }
    this.config = parsed.data;
    const { embedDim, seed } = this.config;
    const a = buildTower('a', this.config.a, embedDim, seed);
    let b: Tower;
    try {
      b = buildTower('b', this.config.b, embedDim, seed);
    } catch (e) {
      a.encoder.dispose();
      a.projector.dispose();
      throw e;
    }
    this.towers = [a, b];
    this.encoder = a.encoder;
    const name = `clip_logit_scale_${logScaleCount++}`;
    // tidy frees the initial scalar (tf.variable copies it), keeps the variable.
    this.logScale = tf.tidy(() => tf.variable(tf.scalar(this.config.initialLogitScale), true, name));
  }

  /** Tower a's encoder. */
  get encoderA(): tf.LayersModel {
    return this.towers[0].encoder;
  }

  /** Tower b's encoder. */
  get encoderB(): tf.LayersModel {
    return this.towers[1].encoder;
  }

  /** The tower on `side`. */
  tower(side: TowerSide): Tower {
    return side === 'a' ? this.towers[0] : this.towers[1];
  }

  trainableVariables(): tf.Variable[] {
    return [...this.towers.flatMap((t) => trainableVariablesOf(t.encoder, t.projector)), this.logScale];
  }

  stateVariables(): tf.Variable[] {
    return this.towers.flatMap((t) => nonTrainableVariablesOf(t.encoder, t.projector));
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    const where = 'clip.loss';
    const [a, b] = this.towers;
    const xa = towerInput(a, batch, where);
    const xb = towerInput(b, batch, where);
    if (xa.shape[0] !== xb.shape[0]) {
      throw new Error(`${where}: '${a.key}' has ${xa.shape[0]} rows but '${b.key}' has ${xb.shape[0]}; row i of one side pairs with row i of the other`);
    }
    if (xa.shape[0]! < 2) throw new Error(`${where}: needs at least 2 pairs per batch (the other pairs are the negatives), got ${xa.shape[0]}`);
    return tf.tidy(() => {
      const za = this.project(a, xa, true, ctx.seed);
      const zb = this.project(b, xb, true, ctx.seed);
      return clipLoss(za, zb, this.logScale, { maxScale: this.config.maxLogitScale });
    });
  }

  /** Tower a's encoder features of `batch[a.key]` (or `batch.x`), `[B, D_enc]`, inference mode. */
  embed(batch: Batch): tf.Tensor2D {
    const a = this.towers[0];
    const x = batch[a.key] ?? batch.x;
    if (!x) throw new Error(`clip.embed: the batch has no '${a.key}' for tower a (${a.modality})`);
    checkTowerInput(a, x, 'clip.embed');
    return tf.tidy(() => a.encoder.apply(x, { training: false }) as tf.Tensor2D);
  }

  /** Normalised embeddings `[N, embedDim]` of tower a's inputs (one forward pass, inference mode; see `embedSide` for large inputs). */
  embedA(input: tf.Tensor): tf.Tensor2D {
    return this.embedTower('a', input);
  }

  /** Normalised embeddings `[N, embedDim]` of tower b's inputs (one forward pass, inference mode). */
  embedB(input: tf.Tensor): tf.Tensor2D {
    return this.embedTower('b', input);
  }

  /** Normalised embeddings of `side`'s inputs `[N, …]` → `[N, embedDim]`, inference mode. */
  embedTower(side: TowerSide, input: tf.Tensor): tf.Tensor2D {
    const tower = this.tower(side);
    checkTowerInput(tower, input, `clip.embed${side.toUpperCase()}`);
    return tf.tidy(() => l2Normalize(this.project(tower, input, false, 0)));
  }

  /** The current logit scale `min(exp(logScale), maxLogitScale)` (1 / temperature). */
  logitScale(): number {
    return Math.min(Math.exp(this.logScale.dataSync()[0]!), this.config.maxLogitScale);
  }

  getConfig(): ClipConfig {
    return this.config;
  }

  dispose(): void {
    for (const t of this.towers) {
      t.encoder.dispose();
      t.projector.dispose();
    }
    this.logScale.dispose();
  }

  /** Projected (not normalised) embeddings; augments images when training. */
  private project(tower: Tower, x: tf.Tensor, training: boolean, seed: number): tf.Tensor2D {
    let input = x;
    if (training && tower.augmentation) {
      input = augmentView(x as tf.Tensor4D, tower.augmentation, deriveSeed(seed, SEED_PURPOSE.view, tower.side === 'a' ? 1 : 2));
    }
    const h = tower.encoder.apply(input, { training }) as tf.Tensor;
    return tower.projector.apply(h, { training }) as tf.Tensor2D;
  }
}
