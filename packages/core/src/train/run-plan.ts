import { knownEpochLength, type DataSource } from './data-source.js';
import type { FitOptions } from './fit-types.js';

/** How long a run is: its total steps, epochs (when sized in epochs) and the batch cap of an epoch. */
export interface RunPlan {
  readonly totalSteps: number;
  readonly epochs: number | undefined;
  /** Micro-batches after which an epoch ends (Infinity: when the data ends). */
  readonly batchesPerEpoch: number;
}

/**
 * Works out a run's length from `fit`'s options and the data.
 * @throws Error naming the bad option, or asking for `stepsPerEpoch` when the length of an epoch
 *   cannot be known.
 */
export function planRun(data: DataSource, fit: FitOptions, accumulate: number): RunPlan {
  const positiveInt = (name: string, v: unknown): number => {
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
      throw new Error(`Trainer.fit: ${name} must be an integer ≥ 1, got ${String(v)}`);
    }
    return v;
  };
  if ((fit.epochs === undefined) === (fit.steps === undefined)) {
    throw new Error('Trainer.fit: give exactly one of epochs and steps');
  }
  const spe = fit.stepsPerEpoch === undefined ? undefined : positiveInt('stepsPerEpoch', fit.stepsPerEpoch);
  if (fit.steps !== undefined) {
    return {
      totalSteps: positiveInt('steps', fit.steps),
      epochs: undefined,
      batchesPerEpoch: spe === undefined ? Infinity : spe * accumulate,
    };
  }
  const epochs = positiveInt('epochs', fit.epochs);
  if (spe !== undefined) return { totalSteps: epochs * spe, epochs, batchesPerEpoch: spe * accumulate };
  const length = knownEpochLength(data);
  if (length === undefined) {
    throw new Error(
      'Trainer.fit: with epochs, give stepsPerEpoch: the length of an epoch of this data cannot be known ' +
        'without iterating it (schedules and the ETA need the total number of steps)',
    );
  }
  if (length === 0) throw new Error('Trainer.fit: the data is empty (0 batches per epoch)');
  return { totalSteps: epochs * Math.ceil(length / accumulate), epochs, batchesPerEpoch: length };
}
