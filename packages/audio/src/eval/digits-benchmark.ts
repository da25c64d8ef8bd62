import {
  createObjective,
  embedWithObjective,
  labelEfficiency,
  pretrainWithinBudget,
  summarizeLabelEfficiency,
  tf,
  type LabelEfficiencyRow,
  type LabelEfficiencySummaryRow,
  type BudgetedRun,
  type Objective,
} from '@pretext/core';
import { stackWaves } from '../data/fixed-length.js';
import { waveBatches } from '../data/wave-batches.js';
import { clipFeatures } from '../features/clip-features.js';
import { cpcEncoder } from '../objectives/cpc.js';
import { wav2vecEncoder } from '../objectives/wav2vec.js';
import type { SpokenDigitsData } from '../speech/load-spoken-digits.js';
import { splitIndices } from '../speech/speaker-split.js';

/** The two tasks of the spoken-digit benchmark. */
export type DigitTask = 'digit' | 'speaker';

/** One pre-trained method of the benchmark. */
export interface PretrainedMethod {
  /** Registered objective: `'cpc'` or `'wav2vec'`. */
  readonly objective: 'cpc' | 'wav2vec';
  /** Its config (the same config builds the supervised-only encoder). */
  readonly config: Record<string, unknown>;
  /** Peak pre-training learning rate of this method (default `pretrain.lr`). */
  readonly lr?: number;
}

/** Options of {@link digitsLabelEfficiency}. */
export interface DigitsBenchmarkOptions {
  /** The corpus (`loadSpokenDigits`), at the rate the encoders expect (16 kHz). */
  readonly data: SpokenDigitsData;
  /** Samples per clip fed to the encoders (centre crop / zero pad; default 16 000 = 1 s). */
  readonly clipSamples?: number;
  readonly methods: readonly PretrainedMethod[];
  /**
   * Pre-training budget per method: wall-clock seconds (the step count is planned from a timed
   * copy so that the warm-up + cosine schedule ends within it, see core's `pretrainWithinBudget`),
   * capped at `maxSteps`; AdamW at peak `lr` (default 5e-4), gradient norm clipped at 5.
   */
  readonly pretrain: { readonly maxSeconds: number; readonly maxSteps: number; readonly batchSize: number; readonly lr?: number; readonly seed?: number };
  /** Called with each pre-trained objective and its run, before evaluation (e.g. to save the encoder). */
  readonly onPretrained?: (objective: Objective, run: Omit<BudgetedRun, 'objective'>) => Promise<void>;
  /** Label fractions (default [0.01, 0.1]). */
  readonly fractions?: readonly number[];
  /** Seeds (default [0, 1, 2]). */
  readonly seeds?: readonly number[];
  /** Tasks (default both). */
  readonly tasks?: readonly DigitTask[];
  /** Train each method's encoder supervised-only too (default true). */
  readonly supervised?: boolean;
  /** Epoch cap of the supervised-only baseline (default 50). */
  readonly supervisedMaxEpochs?: number;
  /** Label fractions of the supervised-only baseline (default `fractions`): it trains the whole encoder on raw audio, the slow part. */
  readonly supervisedFractions?: readonly number[];
  /** Which methods to run: MFCC, the pre-trained probes, the supervised-only encoders (default all). */
  readonly parts?: { readonly mfcc?: boolean; readonly pretrained?: boolean };
  /**
   * Instead of pre-training: fills the objective's weights from an earlier run and returns what
   * that run did (e.g. from an encoder saved by `onPretrained`); `undefined` pre-trains.
   */
  readonly restore?: (objective: Objective) => Promise<Omit<BudgetedRun, 'objective'> | undefined>;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** One accuracy of the benchmark: `method` is `mfcc`, `cpc`, `wav2vec`, `cpc-supervised`, … */
export interface DigitsBenchmarkRow extends LabelEfficiencyRow {
  readonly task: DigitTask;
  readonly method: string;
}

/** Result of {@link digitsLabelEfficiency}. */
export interface DigitsBenchmarkReport {
  readonly rows: DigitsBenchmarkRow[];
  /** Mean ± std over seeds per (task, method, fraction); `protocol` is `task/method`. */
  readonly summary: LabelEfficiencySummaryRow[];
  /** What each pre-training did. */
  readonly pretraining: { readonly method: string; readonly steps: number; readonly plannedSteps: number; readonly seconds: number; readonly secondsPerStep: number; readonly finalLoss: number; readonly stopReason: string }[];
}

/**
 * The spoken-digit label-efficiency benchmark: digit recognition on held-out SPEAKERS and speaker
 * identification on held-out takes, with 1 % and 10 % of the training labels over several seeds.
 * Compares a linear probe on MFCC features (mean + std pooled), a linear probe on the frozen
 * CPC / wav2vec-style encoders pre-trained on the unlabeled `train` clips within a time budget, and
 * the same encoders trained supervised-only on the labeled subset. Every tensor it makes is freed.
 */
export async function digitsLabelEfficiency(options: DigitsBenchmarkOptions): Promise<DigitsBenchmarkReport> {
  const { data } = options;
  const log = options.log ?? (() => {});
  const length = options.clipSamples ?? 16_000;
  const fractions = options.fractions ?? [0.01, 0.1];
  const seeds = options.seeds ?? [0, 1, 2];
  const tasks = options.tasks ?? ['digit', 'speaker'];
  const sets = { train: splitIndices(data.splits, 'train'), digit: splitIndices(data.splits, 'test'), speaker: splitIndices(data.splits, 'speaker-test') };
  for (const [name, idx] of Object.entries(sets)) if (idx.length === 0) throw new Error(`digitsLabelEfficiency: the corpus has no '${name}' clips`);
  const pick = (idx: number[]) => idx.map((i) => data.clips[i]!);
  const labelsOf = (task: DigitTask, idx: number[]) => Int32Array.from(idx, (i) => (task === 'digit' ? data.digits[i]! : data.speakers[i]!));
  const waves = { train: stackWaves(pick(sets.train), length), digit: stackWaves(pick(sets.digit), length), speaker: stackWaves(pick(sets.speaker), length) };
  const rows: DigitsBenchmarkRow[] = [];
  const pretraining: DigitsBenchmarkReport['pretraining'] = [];
  const study = async (method: string, features: { train: tf.Tensor2D; test: Record<DigitTask, tf.Tensor2D> } | undefined, factory?: (seed: number) => tf.LayersModel) => {
    for (const task of tasks) {
      const numClasses = task === 'digit' ? 10 : data.speakerNames.length;
      const report = await labelEfficiency({
        train: { labels: labelsOf(task, sets.train), inputs: waves.train },
        test: { labels: labelsOf(task, sets[task]), inputs: waves[task] },
        ...(features ? { embeddings: { train: features.train, test: features.test[task] }, protocols: ['linear-probe'] as const } : {}),
        // Scored 32 clips at a time: 256 one-second clips through the conv stack overflow wasm's 4 GB heap.
        ...(factory ? { encoderFactory: factory, protocols: ['supervised'] as const, supervised: { maxEpochs: options.supervisedMaxEpochs ?? 50, evalBatchSize: 32 } } : {}),
        fractions: factory ? (options.supervisedFractions ?? fractions) : fractions,
        seeds,
        numClasses,
        linearProbe: { l2: [1e-4, 1e-2] },
      });
      for (const r of report.rows) {
        rows.push({ ...r, task, method });
        log(`${task} ${method} ${r.protocol} fraction=${r.fraction} seed=${r.seed} labeled=${r.labeled} accuracy=${r.accuracy.toFixed(4)}`);
      }
    }
  };
  try {
    if (options.parts?.mfcc ?? true) {
      const mfccTrain = clipFeatures(pick(sets.train));
      const mfccTest = { digit: clipFeatures(pick(sets.digit)), speaker: clipFeatures(pick(sets.speaker)) };
      try {
        await study('mfcc', { train: mfccTrain, test: mfccTest });
      } finally {
        tf.dispose([mfccTrain, mfccTest.digit, mfccTest.speaker]);
      }
    }
    for (const m of options.methods) {
      if (options.parts?.pretrained ?? true) {
        const objective = createObjective(m.objective, m.config);
        try {
          const budget = { ...options.pretrain, ...(m.lr === undefined ? {} : { lr: m.lr }) };
          const run = (await options.restore?.(objective)) ?? (await pretrain(objective, waves.train, budget, log));
          pretraining.push({ method: m.objective, ...run });
          log(`pretrained ${m.objective}: ${JSON.stringify(pretraining.at(-1))}`);
          await options.onPretrained?.(objective, run);
          const embed = (w: tf.Tensor2D) => embedWithObjective(objective, { wave: w }, 32);
          const train = await embed(waves.train);
          const test = { digit: await embed(waves.digit), speaker: await embed(waves.speaker) };
          try {
            await study(m.objective, { train, test });
          } finally {
            tf.dispose([train, test.digit, test.speaker]);
          }
        } finally {
          objective.dispose();
        }
      }
      if (options.supervised ?? true) {
        const build = m.objective === 'cpc' ? cpcEncoder : wav2vecEncoder;
        await study(`${m.objective}-supervised`, undefined, (seed) => build(m.config, seed).encoder);
      }
    }
  } finally {
    tf.dispose([waves.train, waves.digit, waves.speaker]);
  }
  const summary = summarizeLabelEfficiency(rows.map((r) => ({ ...r, protocol: `${r.task}/${r.method}` })));
  return { rows, summary, pretraining };
}

/**
 * Pre-trains `objective` within the time budget, schedules planned to end inside it (a throwaway
 * copy of the same config is timed first, see core's `pretrainWithinBudget`); returns what it did.
 */
async function pretrain(objective: Objective, waves: tf.Tensor2D, budget: DigitsBenchmarkOptions['pretrain'], log: (line: string) => void) {
  const seed = budget.seed ?? 0;
  const batchSize = Math.min(budget.batchSize, waves.shape[0]);
  let made = 0;
  const { objective: _same, ...run } = await pretrainWithinBudget({
    // The timing copy is a fresh objective; the real run trains the caller's.
    create: () => (made++ === 0 ? createObjective(objective.name, objective.getConfig()) : objective),
    data: waveBatches(waves, { batchSize, seed }),
    minutes: budget.maxSeconds / 60,
    maxSteps: budget.maxSteps,
    trainer: (steps) => ({
      optimizer: { type: 'adamw', weightDecay: 1e-2 },
      lr: budget.lr ?? 5e-4,
      schedule: { type: 'cosine', warmupSteps: Math.min(200, Math.floor(steps / 10)) },
      clipNorm: 5,
      seed,
      progress: 'none',
      logEvery: 5,
    }),
    log,
  });
  return run;
}
