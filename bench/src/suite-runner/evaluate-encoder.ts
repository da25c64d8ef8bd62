import { labelEfficiency, type EvalProtocol, type LabelEfficiencyRow, type LabelEfficiencySummaryRow, type tf } from '@pretext/core';
import type { SuiteConfig } from '../suites/suite-config.js';
import type { LoadedSuite } from '../suites/suite-definition.js';

/** Options of {@link evaluateEncoder}. */
export interface EvaluateEncoderOptions {
  readonly loaded: LoadedSuite;
  readonly config: SuiteConfig<object>;
  /** Architecture key: fine-tune copies and the supervised baseline are built from it. */
  readonly encoderKey: string;
  /** The pre-trained encoder; absent for the supervised-only baseline. */
  readonly encoder?: tf.LayersModel;
  readonly protocols: readonly EvalProtocol[];
  /** Prefix of the progress lines. */
  readonly label: string;
  readonly log: (line: string) => void;
}

/**
 * Runs core's `labelEfficiency` over the suite's fractions × seeds for the given protocols (kNN,
 * linear probe and fine-tune on a pre-trained encoder, or the supervised-only baseline), logging a
 * line per run.
 */
export async function evaluateEncoder(o: EvaluateEncoderOptions): Promise<{ rows: LabelEfficiencyRow[]; summary: LabelEfficiencySummaryRow[] }> {
  const e = o.config.evaluation;
  const { rows, summary } = await labelEfficiency({
    train: o.loaded.train,
    test: o.loaded.test,
    ...(o.encoder ? { encoder: o.encoder } : {}),
    encoderFactory: (seed) => o.loaded.buildEncoder(o.encoderKey, seed),
    fractions: e.fractions,
    seeds: e.seeds,
    protocols: o.protocols,
    numClasses: o.loaded.numClasses,
    knn: { k: e.knnK },
    fineTune: { maxEpochs: e.fineTuneMaxEpochs },
    supervised: { maxEpochs: e.supervisedMaxEpochs },
    onResult: (r) => o.log(`${o.label} ${r.protocol} ${+(r.fraction * 100).toFixed(2)}% (${r.labeled} labels) seed ${r.seed}: ${(100 * r.accuracy).toFixed(1)}%`),
  });
  return { rows, summary };
}
