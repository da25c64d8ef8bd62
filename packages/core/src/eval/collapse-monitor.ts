import type * as tf from '@tensorflow/tfjs';
import type { CallbackContext } from '../train/index.js';
import { embedWithObjective, exampleCount, type EmbeddingInputs } from './embed-with-objective.js';
import { embeddingCollapseStats, type CollapseStats } from './embedding-collapse-stats.js';
import { PeriodicMonitor, type PeriodicMonitorOptions } from './periodic-monitor.js';

/** Options of {@link CollapseMonitor}. */
export interface CollapseMonitorOptions extends PeriodicMonitorOptions {
  /**
   * A fixed probe batch (a few hundred examples: the effective rank cannot exceed its size);
   * a tensor stands for `{ x }`. Not disposed.
   */
  readonly probe: EmbeddingInputs;
  /** Warn when the normalised std falls below `stdRatio / √d` (default 0.2). */
  readonly stdRatio?: number;
  /** Warn when the RankMe effective rank falls below this (default 2: near rank-1 collapse). */
  readonly minEffectiveRank?: number;
  /** Examples per embedding forward pass (default 256). */
  readonly batchSize?: number;
  /** Where the one-time warning goes (default `console.warn`). */
  readonly warn?: (message: string) => void;
}

/** One evaluation of {@link CollapseMonitor}. */
export interface CollapseRecord extends CollapseStats {
  readonly step: number;
  /** Whether this evaluation met a warning condition. */
  readonly collapsed: boolean;
}

/**
 * Training callback that watches for representation collapse: every `everySteps` steps it embeds
 * a fixed probe batch with the objective and logs `ctx.log('collapse', { step, std, expectedStd,
 * effectiveRank, dim })` — the std of the L2-normalised embeddings (lightly's
 * `std_of_l2_normalized`; healthy ≈ `1/√d`, collapse → 0) and the RankMe effective rank (Garrido
 * et al. 2023; collapse → 1). When `std < stdRatio/√d` or the effective rank is below
 * `minEffectiveRank`, it logs `'collapse-warning'` (every time) and warns once per monitor.
 */
export class CollapseMonitor extends PeriodicMonitor {
  /** Every evaluation so far, in order. */
  readonly history: CollapseRecord[] = [];
  private readonly options: CollapseMonitorOptions;
  private readonly stdRatio: number;
  private readonly minEffectiveRank: number;
  private warned = false;

  constructor(options: CollapseMonitorOptions) {
    super(options, 'CollapseMonitor');
    this.options = options;
    this.stdRatio = options.stdRatio ?? 0.2;
    this.minEffectiveRank = options.minEffectiveRank ?? 2;
    if (!(this.stdRatio >= 0)) throw new Error(`CollapseMonitor: stdRatio must be >= 0, got ${options.stdRatio}`);
    if (!(this.minEffectiveRank >= 0)) {
      throw new Error(`CollapseMonitor: minEffectiveRank must be >= 0, got ${options.minEffectiveRank}`);
    }
    if (exampleCount(options.probe, 'CollapseMonitor(probe)') < 2) {
      throw new Error('CollapseMonitor: the probe batch needs at least 2 examples');
    }
  }

  /** Embeds the probe batch with the objective and returns its collapse statistics. */
  async measure(ctx: Pick<CallbackContext, 'objective'>): Promise<CollapseStats> {
    let z: tf.Tensor2D | undefined;
    try {
      z = await embedWithObjective(ctx.objective, this.options.probe, this.options.batchSize ?? 256);
      return await embeddingCollapseStats(z);
    } finally {
      z?.dispose();
    }
  }

  protected async evaluate(ctx: CallbackContext, step: number): Promise<void> {
    const stats = await this.measure(ctx);
    const stdThreshold = this.stdRatio / Math.sqrt(stats.dim);
    const reasons: string[] = [];
    if (stats.std < stdThreshold) {
      reasons.push(`std of normalised embeddings ${stats.std.toExponential(3)} < ${stdThreshold.toExponential(3)}`);
    }
    if (stats.effectiveRank < this.minEffectiveRank) {
      reasons.push(`effective rank ${stats.effectiveRank.toFixed(2)} < ${this.minEffectiveRank}`);
    }
    const collapsed = reasons.length > 0;
    this.history.push({ ...stats, step, collapsed });
    const { std, expectedStd, effectiveRank, dim } = stats;
    ctx.log('collapse', { step, std, expectedStd, effectiveRank, dim });
    if (!collapsed) return;
    const reason = reasons.join('; ');
    ctx.log('collapse-warning', { step, std, stdThreshold, effectiveRank, minEffectiveRank: this.minEffectiveRank, reason });
    if (!this.warned) {
      this.warned = true;
      (this.options.warn ?? console.warn)(
        `pretext: representation collapse suspected at step ${step} (${ctx.objective.name}): ${reason}`,
      );
    }
  }
}
