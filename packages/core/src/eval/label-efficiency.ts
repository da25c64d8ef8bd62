import * as tf from '@tensorflow/tfjs';
import { classCountOf, pickLabels, toClassIndices, type ClassLabels } from './class-labels.js';
import type { EncoderFactory } from './encoder-copies.js';
import { extractEmbeddings } from './extract-embeddings.js';
import { fineTune, type FineTuneOptions } from './fine-tune.js';
import { knnClassify, type KnnOptions } from './knn-classifier.js';
import { summarizeLabelEfficiency, type LabelEfficiencyRow, type LabelEfficiencySummaryRow } from './label-efficiency-summary.js';
import { labelFractionSubsets } from './label-fraction-split.js';
import { linearProbe, type LinearProbeOptions } from './linear-probe.js';
import { supervisedBaseline, type SupervisedBaselineOptions } from './supervised-baseline.js';

/** The protocols {@link labelEfficiency} can run. */
export type EvalProtocol = 'knn' | 'linear-probe' | 'fine-tune' | 'supervised';

/** Settings the study sets itself, per run. */
type PerRun = 'test' | 'seed' | 'numClasses' | 'validation';

/** Options of {@link labelEfficiency}. */
export interface LabelEfficiencyOptions {
  /** The labeled train set; `inputs` is needed for fine-tune, supervised, or when `embeddings` is absent. */
  readonly train: { readonly inputs?: tf.Tensor; readonly labels: ClassLabels };
  /** The labeled test set (same conditions on `inputs`). */
  readonly test: { readonly inputs?: tf.Tensor; readonly labels: ClassLabels };
  /** The pre-trained encoder: embeds for knn/linear-probe (unless `embeddings`), and is fine-tuned (copied). */
  readonly encoder?: tf.LayersModel;
  /** Pre-computed frozen embeddings of the train and test sets for knn and linear-probe. Not disposed. */
  readonly embeddings?: { readonly train: tf.Tensor2D; readonly test: tf.Tensor2D };
  /** Builds the encoder architecture: the fine-tuned copy and the supervised baseline's fresh model. */
  readonly encoderFactory?: EncoderFactory;
  /** Label fractions (default [0.01, 0.1, 1]); subsets are stratified and nested per seed. */
  readonly fractions?: readonly number[];
  /** Seeds; each draws its own subsets and trains its own models (default [0]). */
  readonly seeds?: readonly number[];
  /** Protocols to run (default ['knn', 'linear-probe']). */
  readonly protocols?: readonly EvalProtocol[];
  /** Number of classes (default: largest label + 1). */
  readonly numClasses?: number;
  readonly knn?: KnnOptions;
  readonly linearProbe?: Omit<LinearProbeOptions, PerRun>;
  readonly fineTune?: Omit<FineTuneOptions, PerRun | 'encoderFactory'>;
  readonly supervised?: Omit<SupervisedBaselineOptions, PerRun | 'encoderFactory' | 'architecture'>;
  /** Examples per forward pass when embedding (default 256). */
  readonly embedBatchSize?: number;
  /** Called after each run, e.g. to print progress. */
  readonly onResult?: (row: LabelEfficiencyRow) => void;
}

/** Result of {@link labelEfficiency}. */
export interface LabelEfficiencyReport {
  /** One row per (seed, fraction, protocol), in run order. */
  readonly rows: LabelEfficiencyRow[];
  /** Mean ± std over seeds per (protocol, fraction). */
  readonly summary: LabelEfficiencySummaryRow[];
}

/**
 * A label-efficiency study: for each seed, draws nested stratified subsets of the labeled train
 * set at each fraction and evaluates every requested protocol on the full test set — kNN and
 * linear probe on frozen embeddings, fine-tuning a copy of the encoder, and the supervised
 * baseline trained from scratch — returning a tidy table `{ protocol, fraction, seed, accuracy }`
 * and its mean ± std over seeds. Every model it trains is disposed; the inputs are not.
 *
 * @example
 * ```ts
 * const { summary } = await labelEfficiency({ encoder, encoderFactory, train, test,
 *   fractions: [0.01, 0.1], seeds: [0, 1, 2], protocols: ['knn', 'linear-probe', 'fine-tune', 'supervised'] });
 * ```
 */
export async function labelEfficiency(options: LabelEfficiencyOptions): Promise<LabelEfficiencyReport> {
  const where = 'labelEfficiency';
  const protocols = options.protocols ?? ['knn', 'linear-probe'];
  const fractions = options.fractions ?? [0.01, 0.1, 1];
  const seeds = options.seeds ?? [0];
  const yTrain = toClassIndices(options.train.labels, `${where}(train.labels)`);
  const yTest = toClassIndices(options.test.labels, `${where}(test.labels)`);
  const numClasses = options.numClasses ?? Math.max(classCountOf(yTrain), classCountOf(yTest));
  const needsEmbeddings = protocols.some((p) => p === 'knn' || p === 'linear-probe');
  const needsInputs = protocols.some((p) => p === 'fine-tune' || p === 'supervised') || (needsEmbeddings && !options.embeddings);
  if (needsInputs && (!options.train.inputs || !options.test.inputs)) {
    const why = `${protocols.join(', ')}${options.embeddings ? '' : ' without embeddings'}`;
    throw new Error(`${where}: train.inputs and test.inputs are needed for ${why}`);
  }
  if (needsEmbeddings && !options.embeddings && !options.encoder) {
    throw new Error(`${where}: knn and linear-probe need an encoder or embeddings`);
  }
  if (protocols.includes('fine-tune') && !options.encoder) throw new Error(`${where}: fine-tune needs the pre-trained encoder`);
  if (protocols.includes('supervised') && !options.encoderFactory && !options.encoder) {
    throw new Error(`${where}: supervised needs an encoderFactory (or the encoder, for its architecture)`);
  }

  const owned: tf.Tensor[] = [];
  try {
    let embeddings = options.embeddings;
    if (needsEmbeddings && !embeddings) {
      const batch = { batchSize: options.embedBatchSize ?? 256 };
      const train = await extractEmbeddings(options.encoder!, options.train.inputs!, batch);
      owned.push(train);
      const test = await extractEmbeddings(options.encoder!, options.test.inputs!, batch);
      owned.push(test);
      embeddings = { train, test };
    }
    for (const [name, e, y] of [['train', embeddings?.train, yTrain], ['test', embeddings?.test, yTest]] as const) {
      if (e && e.shape[0] !== y.length) throw new Error(`${where}: ${name} embeddings have ${e.shape[0]} rows for ${y.length} labels`);
    }
    const rows: LabelEfficiencyRow[] = [];
    for (const seed of seeds) {
      for (const { fraction, indices } of labelFractionSubsets(yTrain, fractions, seed)) {
        const labels = pickLabels(yTrain, indices);
        for (const protocol of protocols) {
          const accuracy = await runProtocol(protocol, options, { indices, labels, yTest, seed, numClasses, embeddings });
          const row = { protocol, fraction, seed, accuracy, labeled: indices.length };
          rows.push(row);
          options.onResult?.(row);
        }
      }
    }
    return { rows, summary: summarizeLabelEfficiency(rows) };
  } finally {
    for (const t of owned) t.dispose();
  }
}

interface RunContext {
  readonly indices: number[];
  readonly labels: Int32Array;
  readonly yTest: Int32Array;
  readonly seed: number;
  readonly numClasses: number;
  readonly embeddings: { readonly train: tf.Tensor2D; readonly test: tf.Tensor2D } | undefined;
}

/** Test accuracy of one protocol trained on one labeled subset. */
async function runProtocol(protocol: EvalProtocol, o: LabelEfficiencyOptions, r: RunContext): Promise<number> {
  const common = { seed: r.seed, numClasses: r.numClasses };
  if (protocol === 'knn' || protocol === 'linear-probe') {
    const features = tf.gather(r.embeddings!.train, r.indices);
    try {
      if (protocol === 'knn') {
        return (await knnClassify(features, r.labels, r.embeddings!.test, r.yTest, { ...o.knn, numClasses: r.numClasses })).accuracy;
      }
      const test = { features: r.embeddings!.test, labels: r.yTest };
      const probe = await linearProbe({ features, labels: r.labels }, { ...o.linearProbe, ...common, test });
      probe.head.dispose();
      return probe.testAccuracy;
    } finally {
      features.dispose();
    }
  }
  const inputs = tf.gather(o.train.inputs!, r.indices);
  try {
    const train = { inputs, labels: r.labels };
    const test = { inputs: o.test.inputs!, labels: r.yTest };
    const result =
      protocol === 'fine-tune'
        ? await fineTune(o.encoder!, train, { ...o.fineTune, ...common, test, encoderFactory: o.encoderFactory })
        : await supervisedBaseline(train, { ...o.supervised, ...common, test, encoderFactory: o.encoderFactory, architecture: o.encoder });
    result.encoder.dispose();
    result.head.dispose();
    return result.testAccuracy;
  } finally {
    inputs.dispose();
  }
}
