/**
 * Thrown by `Trainer.fit` when the loss (or, before a checkpoint, a weight) becomes NaN or ±Inf.
 * No checkpoint is written from then on, so `lastCheckpoint` (when set) is the last good one.
 */
export class TrainingDivergedError extends Error {
  /** The step (1-based count of optimizer steps) whose loss or update was not finite. */
  readonly step: number;
  /** Its 0-based epoch. */
  readonly epoch: number;
  /** The last checkpoint written before, which training can resume from. */
  readonly lastCheckpoint: string | undefined;

  /**
   * @param what What is not finite, e.g. `the loss is NaN`.
   * @param step The step at which it was detected.
   * @param epoch Its epoch.
   * @param lastCheckpoint The last good checkpoint, if any.
   */
  constructor(what: string, step: number, epoch: number, lastCheckpoint: string | undefined) {
    super(
      `training diverged at step ${step} (epoch ${epoch}): ${what}; training stopped. ` +
        (lastCheckpoint
          ? `The last good checkpoint is ${lastCheckpoint} (lower lr, or set clipNorm, and resume from it).`
          : 'No checkpoint was written before it (lower lr, or set clipNorm).'),
    );
    this.name = 'TrainingDivergedError';
    this.step = step;
    this.epoch = epoch;
    this.lastCheckpoint = lastCheckpoint;
  }
}
