import type { EvalProtocol } from '@pretext/core';

/** The label fractions every full suite evaluates (1 %, 5 %, 10 %, 25 %, 100 %). */
export const LABEL_FRACTIONS: readonly number[] = [0.01, 0.05, 0.1, 0.25, 1];

/** The protocols every suite evaluates on a pre-trained encoder. */
export const SUITE_PROTOCOLS: readonly Exclude<EvalProtocol, 'supervised'>[] = ['knn', 'linear-probe', 'fine-tune'];

/** The method name of the supervised-only baseline in `--objectives` and in the results. */
export const SUPERVISED = 'supervised';

/** How one objective is pre-trained in a suite. */
export interface ObjectivePlan {
  /** Registered objective name (`simclr`, `masked-lm`, …), or `word2vec`. */
  readonly objective: string;
  /** Key into {@link SuiteConfig.encoders}: the architecture pre-trained (and the baseline's). */
  readonly encoder: string;
  /** Peak learning rate (AdamW, warm-up + cosine). */
  readonly lr: number;
  readonly weightDecay: number;
  /** Wall-clock pre-training budget in minutes (`pretrainWithinBudget`). */
  readonly minutes: number;
  readonly batchSize: number;
  /** Warm-up steps, capped at a tenth of the planned steps. */
  readonly warmupSteps: number;
  /** Global gradient-norm clip, if any. */
  readonly clipNorm?: number;
  /** Objective-specific config merged into the objective's (augmentation, masking, …). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Settings of the downstream evaluation. */
export interface EvaluationSettings {
  readonly fractions: readonly number[];
  readonly seeds: readonly number[];
  readonly protocols: readonly Exclude<EvalProtocol, 'supervised'>[];
  /** kNN neighbours (small: the 1 % subset has few examples). */
  readonly knnK: number;
  /** Epoch caps of fine-tuning and of the supervised-only baseline (early stopping inside). */
  readonly fineTuneMaxEpochs: number;
  readonly supervisedMaxEpochs: number;
}

/**
 * A versioned benchmark suite: data, split, encoders, objectives with their pre-training budgets,
 * protocols, label fractions and seeds. Bump `version` whenever a setting changes, so results made
 * with different settings are never compared as equal.
 *
 * @typeParam D - the suite's data settings (what to load and how to split it).
 */
export interface SuiteConfig<D extends object = Readonly<Record<string, unknown>>> {
  readonly suite: string;
  /** Semantic version of the settings. */
  readonly version: string;
  /** `full` (the benchmark) or `quick` (a minutes-long smoke version, not a result). */
  readonly variant: 'full' | 'quick';
  readonly description: string;
  readonly data: D;
  /** Encoder architectures by key (JSON configs of the modality package's encoder builder). */
  readonly encoders: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly objectives: readonly ObjectivePlan[];
  readonly evaluation: EvaluationSettings;
}

/**
 * Problems with a suite config (empty when valid): fractions in (0, 1], integer seeds (at least
 * three in a full config), known encoder keys, positive budgets.
 */
export function suiteConfigProblems(c: SuiteConfig<object>): string[] {
  const p: string[] = [];
  const e = c.evaluation;
  if (!/^\d+\.\d+\.\d+$/.test(c.version)) p.push(`version '${c.version}' is not x.y.z`);
  if (e.fractions.length === 0 || e.fractions.some((f) => !(f > 0 && f <= 1))) p.push('fractions must be in (0, 1]');
  if (e.seeds.some((s) => !Number.isInteger(s))) p.push('seeds must be integers');
  if (new Set(e.seeds).size !== e.seeds.length) p.push('seeds must be distinct');
  if (c.variant === 'full' && e.seeds.length < 3) p.push('a full suite needs at least 3 seeds');
  if (c.variant === 'full' && LABEL_FRACTIONS.some((f) => !e.fractions.includes(f))) p.push(`a full suite evaluates ${LABEL_FRACTIONS.join(', ')}`);
  if (c.objectives.length === 0) p.push('no objectives');
  for (const o of c.objectives) {
    if (!c.encoders[o.encoder]) p.push(`${o.objective}: unknown encoder '${o.encoder}'`);
    if (!(o.minutes > 0)) p.push(`${o.objective}: minutes must be > 0`);
    if (!(o.lr > 0)) p.push(`${o.objective}: lr must be > 0`);
    if (!(Number.isInteger(o.batchSize) && o.batchSize > 1)) p.push(`${o.objective}: batchSize must be an integer > 1`);
  }
  return p;
}
