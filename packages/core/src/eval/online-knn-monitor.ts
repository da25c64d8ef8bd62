import type * as tf from '@tensorflow/tfjs';
import type { CallbackContext } from '../train/index.js';
import { toClassIndices, type ClassLabels } from './class-labels.js';
import { embedWithObjective, exampleCount, type EmbeddingInputs } from './embed-with-objective.js';
import { knnClassify, type KnnOptions } from './knn-classifier.js';
import { PeriodicMonitor, type PeriodicMonitorOptions } from './periodic-monitor.js';

/** A small labeled set for {@link OnlineKnnMonitor}. */
export interface LabeledInputs {
  /** The inputs (a batch of named tensors, or a tensor standing for `{ x }`); not disposed. */
  readonly inputs: EmbeddingInputs;
  /** Class index per example. */
  readonly labels: ClassLabels;
}

/** Options of {@link OnlineKnnMonitor}. */
export interface OnlineKnnMonitorOptions extends PeriodicMonitorOptions {
  /** The kNN memory bank: labeled training examples (a few hundred to a few thousand). */
  readonly train: LabeledInputs;
  /** Labeled held-out examples whose kNN accuracy is reported. */
  readonly test: LabeledInputs;
  /** kNN settings (k defaults to 200, capped at the bank size; T to 0.07). */
  readonly knn?: KnnOptions;
  /** Examples per embedding forward pass (default 256). */
  readonly batchSize?: number;
}

/** One evaluation of {@link OnlineKnnMonitor}. */
export interface KnnMonitorRecord {
  readonly step: number;
  readonly accuracy: number;
}

/**
 * Training callback that tracks what pre-training buys while it runs: every `everySteps` steps it
 * embeds a small labeled train and test set with the objective (`objective.embed`, else
 * `encoder.predict`), classifies the test set by weighted kNN against the train set, logs
 * `ctx.log('knn', { step, accuracy })` and appends to {@link OnlineKnnMonitor.history}.
 *
 * @example
 * ```ts
 * const knn = new OnlineKnnMonitor({ train: { inputs: xs, labels: ys }, test: { inputs: xt, labels: yt }, everySteps: 200 });
 * await trainer.fit(data, { callbacks: [knn] });
 * console.log(knn.history);
 * ```
 */
export class OnlineKnnMonitor extends PeriodicMonitor {
  /** Every evaluation so far, in order. */
  readonly history: KnnMonitorRecord[] = [];
  private readonly options: OnlineKnnMonitorOptions;
  private readonly trainLabels: Int32Array;
  private readonly testLabels: Int32Array;

  constructor(options: OnlineKnnMonitorOptions) {
    super(options, 'OnlineKnnMonitor');
    this.options = options;
    this.trainLabels = toClassIndices(options.train.labels, 'OnlineKnnMonitor(train.labels)');
    this.testLabels = toClassIndices(options.test.labels, 'OnlineKnnMonitor(test.labels)');
    for (const [name, set, labels] of [
      ['train', options.train, this.trainLabels],
      ['test', options.test, this.testLabels],
    ] as const) {
      const n = exampleCount(set.inputs, `OnlineKnnMonitor(${name}.inputs)`);
      if (n !== labels.length) {
        throw new Error(`OnlineKnnMonitor: ${name} has ${n} inputs but ${labels.length} labels`);
      }
    }
  }

  /** Embeds both sets with the objective and returns the kNN accuracy of the test set. */
  async measure(ctx: Pick<CallbackContext, 'objective'>): Promise<number> {
    const batchSize = this.options.batchSize ?? 256;
    let bank: tf.Tensor2D | undefined;
    let queries: tf.Tensor2D | undefined;
    try {
      bank = await embedWithObjective(ctx.objective, this.options.train.inputs, batchSize);
      queries = await embedWithObjective(ctx.objective, this.options.test.inputs, batchSize);
      const { accuracy } = await knnClassify(bank, this.trainLabels, queries, this.testLabels, this.options.knn);
      return accuracy;
    } finally {
      bank?.dispose();
      queries?.dispose();
    }
  }

  protected async evaluate(ctx: CallbackContext, step: number): Promise<void> {
    const accuracy = await this.measure(ctx);
    this.history.push({ step, accuracy });
    ctx.log('knn', { step, accuracy });
  }
}
