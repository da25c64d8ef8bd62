import type { LrSchedule, ScheduleConfig } from '../optim/schedule.js';
import type { Callback } from './callback.js';
import type { LogSink, ProgressMode } from './reporter.js';
import type { TrainerConfig } from './trainer-config.js';

/** Options of `new Trainer(objective, options)`: the JSON {@link TrainerConfig} plus what JSON cannot hold. */
export interface TrainerOptions extends Omit<TrainerConfig, 'schedule'> {
  /** A schedule config (see {@link TrainerConfig.schedule}) or any function of the 0-based step. */
  readonly schedule?: ScheduleConfig | LrSchedule;
  /** Callbacks of every `fit` of this trainer (before those given to `fit`). */
  readonly callbacks?: readonly Callback[];
  /** `auto` (default): a progress bar when `logTo` is a TTY, JSON lines otherwise. */
  readonly progress?: ProgressMode;
  /** Where progress and logs go (default `process.stderr`). */
  readonly logTo?: LogSink;
  /**
   * Catch SIGINT/SIGTERM during `fit`: finish the current step, write a checkpoint, then exit with
   * 130/143 (or resolve, see `exitOnSignal`). Default: true when `outDir` is set.
   */
  readonly handleSignals?: boolean;
  /** After a signal's checkpoint, exit the process (default) or resolve `fit` with `stopReason: 'signal'`. */
  readonly exitOnSignal?: boolean;
}

/** Options of `Trainer.fit`. Give exactly one of `epochs` and `steps`. */
export interface FitOptions {
  /**
   * Train until this many epochs are done (counting restored ones). The number of steps per epoch
   * (for schedules and ETA) is `stepsPerEpoch`, or computed from an array's length or a finite
   * `Dataset.size`.
   */
  readonly epochs?: number;
  /** Train until this many optimizer steps are done in total (counting restored ones). */
  readonly steps?: number;
  /**
   * Optimizer steps per epoch. With `epochs`, an epoch ends after this many steps even if the data
   * has more batches; required when the data's length cannot be known.
   */
  readonly stepsPerEpoch?: number;
  /**
   * Continue from a checkpoint: `true` — the latest in `outDir` (an error when there is none);
   * `'auto'` — the latest in `outDir` when there is one, else start fresh; a path — that checkpoint
   * file, or the latest in that directory.
   */
  readonly resume?: boolean | 'auto' | string;
  /** Callbacks of this run (after the trainer's). */
  readonly callbacks?: readonly Callback[];
  /** Dispose each batch after its step (default true); set false when batches are reused. */
  readonly disposeBatches?: boolean;
}

/** Why `fit` returned. */
export type StopReason = 'completed' | 'callback' | 'signal' | 'data-exhausted';

/** What `Trainer.fit` resolves with. */
export interface FitResult {
  /** Optimizer steps completed in total (restored ones included). */
  readonly step: number;
  /** The 0-based epoch the next batch would belong to. */
  readonly epoch: number;
  readonly stopReason: StopReason;
  /** A callback's reason, the signal's name, or a description of the end of the data. */
  readonly reason?: string;
  /** The mean loss of the last logging window. */
  readonly loss: number;
  /** The loss of every step of this `fit`, in order; `losses[i]` is the loss of step `firstStep + i`. */
  readonly history: { readonly firstStep: number; readonly losses: readonly number[] };
  /** The last checkpoint written by this `fit`, if any. */
  readonly checkpoint?: string;
}
