import type { Callback, CallbackContext, TrainState } from '../train/index.js';

/** Scheduling options shared by the evaluation monitors. */
export interface PeriodicMonitorOptions {
  /** Evaluate every this many optimizer steps (default 100). */
  readonly everySteps?: number;
  /**
   * Also evaluate in `onTrainBegin`, before the first step (default true): the baseline of the
   * curve, recorded as step 0. `onTrainBegin` carries no step, so on a resumed run (where it
   * sees the restored weights) pass `false` to keep the history's steps exact.
   */
  readonly atStart?: boolean;
}

/**
 * A training callback that evaluates every `everySteps` steps, optionally before training, and
 * once more at the end of training when the last step was not evaluated. Subclasses implement
 * {@link PeriodicMonitor.evaluate}.
 */
export abstract class PeriodicMonitor implements Callback {
  /** Steps between evaluations. */
  readonly everySteps: number;
  private readonly atStart: boolean;
  private lastStep = -1;

  protected constructor(options: PeriodicMonitorOptions, where: string) {
    this.everySteps = options.everySteps ?? 100;
    this.atStart = options.atStart ?? true;
    if (!(Number.isInteger(this.everySteps) && this.everySteps > 0)) {
      throw new Error(`${where}: everySteps must be a positive integer, got ${options.everySteps}`);
    }
  }

  /** Evaluates at `step` and logs the result through `ctx`. */
  protected abstract evaluate(ctx: CallbackContext, step: number): Promise<void>;

  async onTrainBegin(ctx: CallbackContext): Promise<void> {
    this.lastStep = -1;
    if (this.atStart) await this.run(ctx, 0);
  }

  async onStepEnd(ctx: CallbackContext, s: TrainState): Promise<void> {
    if (s.step % this.everySteps === 0) await this.run(ctx, s.step);
  }

  async onTrainEnd(ctx: CallbackContext, s: TrainState): Promise<void> {
    await this.run(ctx, s.step);
  }

  private async run(ctx: CallbackContext, step: number): Promise<void> {
    if (step === this.lastStep) return;
    this.lastStep = step;
    await this.evaluate(ctx, step);
  }
}
