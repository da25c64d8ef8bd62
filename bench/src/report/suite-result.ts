import type { LabelEfficiencyRow, LabelEfficiencySummaryRow } from '@pretext/core';
import type { SuiteConfig } from '../suites/suite-config.js';
import type { PretrainingRecord } from '../suites/suite-definition.js';
import type { SuiteEnvironment } from './suite-environment.js';

/** Schema tag of a suite result file. */
export const SUITE_RESULT_SCHEMA = 'pretext-bench-suite/1';

/** One method's evaluation: a pre-trained objective, or the supervised-only baseline of an encoder. */
export interface MethodResult {
  /** Objective name (`simclr`, …) or `supervised`. */
  readonly method: string;
  /** Encoder architecture key of the suite config. */
  readonly encoder: string;
  readonly kind: 'pretrained' | 'supervised';
  /** What pre-training did (pre-trained methods only). */
  readonly pretraining?: PretrainingRecord;
  /** Every run: protocol, fraction, seed, accuracy, labeled examples. */
  readonly rows: readonly LabelEfficiencyRow[];
  /** Mean ± std over seeds per protocol × fraction. */
  readonly summary: readonly LabelEfficiencySummaryRow[];
  /** Seconds the evaluation took. */
  readonly evaluationSeconds: number;
}

/** One process's share of a suite run (a merged result has several). */
export interface SuitePart {
  /** The methods this process ran. */
  readonly methods: readonly string[];
  readonly startedAt: string;
  /** Wall-clock seconds of the whole process (loading, pre-training, evaluation). */
  readonly wallSeconds: number;
  readonly environment: SuiteEnvironment;
  /** Where the part came from when merged. */
  readonly file?: string;
}

/** A suite's result file. */
export interface SuiteResult {
  readonly schema: typeof SUITE_RESULT_SCHEMA;
  readonly suite: string;
  readonly version: string;
  readonly variant: 'full' | 'quick';
  /** The exact settings the run used (seeds included). */
  readonly config: SuiteConfig<object>;
  /** Facts about the loaded data (counts, vocabulary). */
  readonly facts: Readonly<Record<string, number | string>>;
  readonly methods: readonly MethodResult[];
  readonly parts: readonly SuitePart[];
}

/** A method's display name: `simclr (resnet)`, `supervised (resnet)`. */
export function methodLabel(m: Pick<MethodResult, 'method' | 'encoder'>): string {
  return `${m.method} (${m.encoder})`;
}
