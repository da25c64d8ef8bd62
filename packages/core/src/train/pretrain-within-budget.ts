import type { Objective } from '../objective/objective.js';
import type { DataSource } from './data-source.js';
import type { FitOptions, TrainerOptions } from './fit-types.js';
import { Trainer } from './trainer.js';

/** Options of {@link pretrainWithinBudget}. */
export interface PretrainWithinBudgetOptions {
  /** Builds a fresh objective: called once for the throwaway timing copy, once for the real run. */
  readonly create: () => Objective;
  /** The (unlabeled) training data, re-iterable: a function of the epoch, an array or a `tf.data.Dataset`. */
  readonly data: DataSource;
  /** Wall-clock budget of the real run, in minutes. */
  readonly minutes: number;
  /** Trainer options for a run of `plannedSteps` (the timing copy uses them with a constant schedule and no output). */
  readonly trainer: (plannedSteps: number) => TrainerOptions;
  /** Never plan more than this many steps (e.g. `maxEpochs × stepsPerEpoch`). */
  readonly maxSteps?: number;
  /** Steps per epoch, when the data's length cannot be known (see `FitOptions.stepsPerEpoch`). */
  readonly stepsPerEpoch?: number;
  /** Share of the budget the plan fills (default 0.9): the rest absorbs timing noise. */
  readonly fill?: number;
  /** Where the plan is reported (default: nowhere). */
  readonly log?: (line: string) => void;
  /** Milliseconds clock (default `performance.now`); tests pass a fake one. */
  readonly clock?: () => number;
}

/** What {@link pretrainWithinBudget} did. */
export interface BudgetedRun {
  /** The trained objective (the caller disposes it). */
  readonly objective: Objective;
  /** Optimizer steps planned from the timing (the schedules' length). */
  readonly plannedSteps: number;
  /** Steps done (fewer than planned only if the time guard stopped the run). */
  readonly steps: number;
  /** Seconds of the real run (timing excluded). */
  readonly seconds: number;
  /** Seconds per step measured on the timing copy. */
  readonly secondsPerStep: number;
  /** Mean loss of the last logging window. */
  readonly finalLoss: number;
  /** `completed`, or why the run stopped early. */
  readonly stopReason: string;
}

/**
 * Pre-trains an objective for at most `minutes` of wall-clock time, with schedules that run to
 * their end: a throwaway copy is timed for 5 steps (after 2 warm-up steps), the step count that
 * fits `fill` of the budget is planned and passed to `trainer(planned)` (so a cosine schedule or
 * BYOL's momentum reaches its final value), and a guard stops the real run at the budget if the
 * machine slowed down. This is how the benchmarks give every objective the same time.
 *
 * @throws Error when `minutes` is not positive.
 */
export async function pretrainWithinBudget(o: PretrainWithinBudgetOptions): Promise<BudgetedRun> {
  if (!(o.minutes > 0)) throw new Error(`pretrainWithinBudget: minutes must be > 0, got ${o.minutes}`);
  const now = o.clock ?? (() => performance.now());
  const epochLength: Pick<FitOptions, 'stepsPerEpoch'> = o.stepsPerEpoch ? { stepsPerEpoch: o.stepsPerEpoch } : {};
  const timing = o.create();
  const probe = new Trainer(timing, { ...o.trainer(7), schedule: { type: 'constant' }, progress: 'none', outDir: undefined, handleSignals: false });
  let secondsPerStep: number;
  try {
    await probe.fit(o.data, { steps: 2, ...epochLength }); // warm-up: kernel compilation, allocations
    const t0 = now();
    await probe.fit(o.data, { steps: 7, ...epochLength });
    secondsPerStep = (now() - t0) / 1000 / 5;
  } finally {
    probe.dispose();
    timing.dispose();
  }
  const budget = o.minutes * 60;
  const planned = Math.max(1, Math.min(Math.floor(((o.fill ?? 0.9) * budget) / secondsPerStep), o.maxSteps ?? Infinity));
  const objective = o.create();
  o.log?.(`${objective.name}: ${secondsPerStep.toFixed(3)} s/step → ${planned} steps in ${o.minutes} min`);
  const trainer = new Trainer(objective, o.trainer(planned));
  const start = now();
  try {
    const result = await trainer.fit(o.data, {
      steps: planned,
      ...epochLength,
      callbacks: [
        {
          onStepEnd: (ctx, s) => {
            if ((now() - start) / 1000 > budget) ctx.stop(`time budget of ${o.minutes} min reached at step ${s.step}`);
          },
        },
      ],
    });
    return {
      objective,
      plannedSteps: planned,
      steps: result.step,
      seconds: (now() - start) / 1000,
      secondsPerStep,
      finalLoss: result.loss,
      stopReason: result.reason ?? result.stopReason,
    };
  } catch (e) {
    objective.dispose();
    throw e;
  } finally {
    trainer.dispose();
  }
}
