import type { Objective } from '../objective/objective.js';

/**
 * The state of a training run that the {@link Trainer} hands to callbacks.
 *
 * `step` counts optimizer steps completed so far (1 after the first step; restored ones included),
 * `epoch` is the 0-based epoch the step belongs to (for `onEpochEnd`: the epoch just finished).
 * `loss` is the mean loss over the latest logging window: the trainer reads losses back from the
 * device every `logEvery` steps (and after the first step, at epoch ends and at the end), so between
 * reads it holds the last value read. `lr` is the learning rate of the latest step; `samplesPerSec`
 * the throughput over the latest logging window.
 */
export interface TrainState {
  readonly step: number;
  readonly epoch: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly lr: number;
  readonly samplesPerSec: number;
}

/** What a callback can see and do during a run. */
export interface CallbackContext {
  /** The objective being trained (its encoder, for monitors that embed data). */
  readonly objective: Objective;
  /**
   * Emits a structured event through the trainer's logger: one JSON line `{"event": event, ...fields,
   * "step", "time"}` in JSON-lines mode, a line above the bar on a TTY.
   */
  log(event: string, fields: Record<string, unknown>): void;
  /**
   * Asks the trainer to stop after the current step: it writes a checkpoint (when it has an `outDir`),
   * calls `onTrainEnd` and resolves `fit` with `stopReason: 'callback'` and this reason.
   */
  stop(reason: string): void;
}

/**
 * Hooks the {@link Trainer} calls during a run, in the order the callbacks were given, awaiting each.
 * A callback that throws fails `fit` with its error (no checkpoint is written for that step).
 */
export interface Callback {
  /** Before the first step of `fit` (after a checkpoint was restored, when resuming). */
  onTrainBegin?(ctx: CallbackContext): void | Promise<void>;
  /** After every optimizer step (and its `afterStep`), outside any `tf.tidy`. */
  onStepEnd?(ctx: CallbackContext, s: TrainState): void | Promise<void>;
  /** After the last step of each epoch. */
  onEpochEnd?(ctx: CallbackContext, s: TrainState): void | Promise<void>;
  /** When the run ends: completed, stopped by a callback or by a signal (not when it fails). */
  onTrainEnd?(ctx: CallbackContext, s: TrainState): void | Promise<void>;
}
