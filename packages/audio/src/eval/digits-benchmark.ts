import {
  createObjective,
  embedWithObjective,
  labelEfficiency,
  summarizeLabelEfficiency,
  tf,
  Trainer,
  type LabelEfficiencyRow,
  type LabelEfficiencySummaryRow,
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
}

/** Options of {@link digitsLabelEfficiency}. */
export interface DigitsBenchmarkOptions {
  /** The corpus (`loadSpokenDigits`), at the rate the encoders expect (16 kHz). */
  readonly data: SpokenDigitsData;
  /** Samples per clip fed to the encoders (centre crop / zero pad; default 16 000 = 1 s). */
  readonly clipSamples?: number;
  readonly methods: readonly PretrainedMethod[];
  /** Pre-training budget per method: whichever of wall-clock seconds and steps ends first. */
  readonly pretrain: { readonly maxSeconds: number; readonly maxSteps: number; readonly batchSize: number; readonly lr?: number; readonly seed?: number };
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
  readonly pretraining: { readonly method: string; readonly steps: number; readonly seconds: number; readonly firstLoss: number; readonly lastLoss: number }[];
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
        ...(factory ? { encoderFactory: factory, protocols: ['supervised'] as const, supervised: { maxEpochs: options.supervisedMaxEpochs ?? 50 } } : {}),
        fractions,
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
    const mfccTrain = clipFeatures(pick(sets.train));
    const mfccTest = { digit: clipFeatures(pick(sets.digit)), speaker: clipFeatures(pick(sets.speaker)) };
    try {
      await study('mfcc', { train: mfccTrain, test: mfccTest });
    } finally {
      tf.dispose([mfccTrain, mfccTest.digit, mfccTest.speaker]);
    }
    for (const m of options.methods) {
      const objective = createObjective(m.objective, m.config);
      try {
        pretraining.push({ method: m.objective, ...(await pretrain(objective, waves.train, options.pretrain)) });
        log(`pretrained ${m.objective}: ${JSON.stringify(pretraining.at(-1))}`);
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

/** Pre-trains until the step or time budget runs out; returns what it did. */
async function pretrain(objective: Objective, waves: tf.Tensor2D, budget: DigitsBenchmarkOptions['pretrain']) {
  const start = Date.now();
  const trainer = new Trainer(objective, { lr: budget.lr ?? 5e-4, seed: budget.seed ?? 0, clipNorm: 5, progress: 'none', logEvery: 5 });
  try {
    const stopAfterBudget = {
      onStepEnd: (ctx: { stop(reason: string): void }) => {
        if ((Date.now() - start) / 1000 >= budget.maxSeconds) ctx.stop('time budget');
      },
    };
    const batchSize = Math.min(budget.batchSize, waves.shape[0]);
    const result = await trainer.fit(waveBatches(waves, { batchSize, seed: budget.seed ?? 0 }), { steps: budget.maxSteps, callbacks: [stopAfterBudget] });
    const losses = result.history.losses;
    return { steps: result.step, seconds: (Date.now() - start) / 1000, firstLoss: losses[0] ?? NaN, lastLoss: result.loss };
  } finally {
    trainer.dispose();
  }
}
