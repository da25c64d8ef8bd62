import { createObjective, Trainer, type Objective, type TrainerOptions } from '@pretext/core';
import type { ImageDataset } from '../src/index.js';

/** What {@link pretrainWithBudget} did. */
export interface PretrainRun {
  readonly objective: Objective;
  /** Optimizer steps planned from the calibration (the schedules' length). */
  readonly plannedSteps: number;
  /** Steps done (fewer than planned only if the time guard stopped the run). */
  readonly steps: number;
  /** Seconds of pre-training (calibration excluded). */
  readonly seconds: number;
  /** Seconds per step measured by the calibration. */
  readonly calibrationSecondsPerStep: number;
  readonly finalLoss: number;
  readonly stopReason: string;
}

/** Options of {@link pretrainWithBudget}. */
export interface PretrainOptions {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly data: ImageDataset;
  readonly batchSize: number;
  readonly minutes: number;
  /** Trainer options for a run of `plannedSteps` (the calibration uses them with a constant schedule). */
  readonly trainer: (plannedSteps: number) => TrainerOptions;
  /** Never plan more than this many epochs (default 200). */
  readonly maxEpochs?: number;
  readonly log: (line: string) => void;
}

/**
 * Pre-trains an objective (labels unused) for at most `minutes`: a throwaway copy is timed for a few
 * steps, the step count that fits 90 % of the budget is planned (so that the cosine schedules run
 * to their end), and a guard stops the real run if it would still overrun.
 */
export async function pretrainWithBudget(o: PretrainOptions): Promise<PretrainRun> {
  const batches = o.data.batches({ batchSize: o.batchSize, seed: 1 });
  const stepsPerEpoch = Math.floor(o.data.count / o.batchSize);
  const calibration = createObjective(o.name, o.config);
  const probe = new Trainer(calibration, { ...o.trainer(7), schedule: { type: 'constant' }, progress: 'none', outDir: undefined });
  await probe.fit(batches, { steps: 2 }); // warm-up: kernel compilation, allocations
  const t0 = performance.now();
  await probe.fit(batches, { steps: 7 });
  const perStep = (performance.now() - t0) / 1000 / 5;
  probe.dispose();
  calibration.dispose();

  const budget = o.minutes * 60;
  const planned = Math.max(1, Math.min(Math.floor((0.9 * budget) / perStep), (o.maxEpochs ?? 200) * stepsPerEpoch));
  o.log(`${o.name}: ${perStep.toFixed(2)} s/step → ${planned} steps (${(planned / stepsPerEpoch).toFixed(1)} epochs) in ${o.minutes} min`);
  const objective = createObjective(o.name, o.config);
  const trainer = new Trainer(objective, o.trainer(planned));
  const start = performance.now();
  const result = await trainer.fit(batches, {
    steps: planned,
    callbacks: [
      {
        onStepEnd: (ctx, s) => {
          if ((performance.now() - start) / 1000 > budget) ctx.stop(`time budget of ${o.minutes} min reached at step ${s.step}`);
        },
      },
    ],
  });
  trainer.dispose();
  return {
    objective,
    plannedSteps: planned,
    steps: result.step,
    seconds: (performance.now() - start) / 1000,
    calibrationSecondsPerStep: perStep,
    finalLoss: result.loss,
    stopReason: result.reason ?? result.stopReason,
  };
}
