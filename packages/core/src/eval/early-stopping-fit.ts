import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../tensor/rng.js';
import type { ClassifierMetrics } from './classifier-metrics.js';

/** Early-stopping settings shared by the linear probe, fine-tuning and the supervised baseline. */
export interface EarlyStoppingOptions {
  /** Examples per optimizer step. */
  readonly batchSize: number;
  /** At most this many epochs. */
  readonly maxEpochs: number;
  /** Stop after this many epochs without a validation-loss improvement. */
  readonly patience: number;
  /** An improvement must lower the validation loss by more than this. */
  readonly minDelta: number;
}

/** What {@link fitWithEarlyStopping} trains. */
export interface FitTarget {
  /** One optimizer step on the training examples at these positions. */
  step(positions: number[]): void;
  /** Validation metrics, or undefined when there is no validation set. */
  validate?: () => Promise<ClassifierMetrics>;
  /** Copies of the current weights (owned by the caller of `restore`). */
  snapshot(): tf.Tensor[];
  /** Sets the weights from a snapshot. */
  restore(weights: tf.Tensor[]): void;
}

/** Outcome of {@link fitWithEarlyStopping}. */
export interface FitOutcome {
  /** Epochs trained. */
  readonly epochs: number;
  /** Epoch whose weights were kept (the best validation loss; the last without validation). */
  readonly bestEpoch: number;
  /** Whether patience ran out before `maxEpochs`. */
  readonly stoppedEarly: boolean;
  /** Validation metrics before training (NaN without validation). */
  readonly initial: ClassifierMetrics;
  /** Validation metrics of the kept weights (NaN without validation). */
  readonly best: ClassifierMetrics;
}

/**
 * Mini-batch training with seeded shuffling and early stopping on the validation loss: after each
 * epoch the validation set is scored, the weights of the best epoch are kept, training stops
 * after `patience` epochs without improvement and the best weights are restored. Without a
 * validation set it trains `maxEpochs` epochs. A trailing batch of one example is skipped when
 * there are others (batch-norm cannot train on it).
 */
export async function fitWithEarlyStopping(
  target: FitTarget,
  trainCount: number,
  options: EarlyStoppingOptions,
  rng: Rng,
): Promise<FitOutcome> {
  const none: ClassifierMetrics = { loss: NaN, accuracy: NaN };
  const initial = target.validate ? await target.validate() : none;
  let best = none;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | undefined;
  let epoch = 0;
  let stoppedEarly = false;
  try {
    while (epoch < options.maxEpochs) {
      epoch++;
      const order = rng.permutation(trainCount);
      for (let start = 0; start < trainCount; start += options.batchSize) {
        const batch = order.slice(start, start + options.batchSize);
        if (batch.length === 1 && trainCount > 1) continue;
        target.step(batch);
      }
      if (!target.validate) {
        bestEpoch = epoch;
        continue;
      }
      const metrics = await target.validate();
      if (bestWeights === undefined || metrics.loss < best.loss - options.minDelta) {
        best = metrics;
        bestEpoch = epoch;
        for (const w of bestWeights ?? []) w.dispose();
        bestWeights = target.snapshot();
      } else if (epoch - bestEpoch >= options.patience) {
        stoppedEarly = epoch < options.maxEpochs;
        break;
      }
    }
    if (bestWeights && bestEpoch !== epoch) target.restore(bestWeights);
  } finally {
    for (const w of bestWeights ?? []) w.dispose();
  }
  return { epochs: epoch, bestEpoch, stoppedEarly, initial, best };
}

/**
 * The default batch size for `trainCount` examples: `cap`, reduced on small labeled sets so that
 * an epoch still has about eight optimizer steps (but never below 8 examples).
 */
export function defaultBatchSize(cap: number, trainCount: number): number {
  return Math.min(cap, Math.max(8, Math.ceil(trainCount / 8)));
}

/** Checks the early-stopping settings; `where` names the caller. */
export function checkEarlyStopping(o: EarlyStoppingOptions, where: string): void {
  for (const key of ['batchSize', 'maxEpochs', 'patience'] as const) {
    if (!(Number.isInteger(o[key]) && o[key] > 0)) throw new Error(`${where}: ${key} must be a positive integer, got ${o[key]}`);
  }
  if (!(o.minDelta >= 0)) throw new Error(`${where}: minDelta must be >= 0, got ${o.minDelta}`);
}
