import { pretrainWithinBudget, type DataSource, type Objective } from '@pretext/core';
import type { ObjectivePlan } from '../suites/suite-config.js';
import type { PretrainedEncoder } from '../suites/suite-definition.js';

/** Options of {@link budgetedPretrain}. */
export interface BudgetedPretrainOptions {
  readonly plan: ObjectivePlan;
  /** Builds a fresh objective (called twice: the timing copy and the real run). */
  readonly create: () => Objective;
  readonly data: DataSource;
  /** Steps per epoch when the data's length is not known up front. */
  readonly stepsPerEpoch?: number;
  /** Never plan more steps than this. */
  readonly maxSteps?: number;
  readonly log: (line: string) => void;
  /** Measured after training, before the encoder is handed out (e.g. CLIP's zero-shot accuracy). */
  readonly extra?: (objective: Objective) => Promise<Readonly<Record<string, number | string>>>;
}

/**
 * Pre-trains `plan.objective` with core's `pretrainWithinBudget` (AdamW, warm-up + cosine planned
 * to end inside `plan.minutes`), logging JSON-lines progress to stderr. The returned encoder is the
 * objective's; disposing it disposes the objective.
 */
export async function budgetedPretrain(o: BudgetedPretrainOptions): Promise<PretrainedEncoder> {
  const { plan } = o;
  const run = await pretrainWithinBudget({
    create: o.create,
    data: o.data,
    minutes: plan.minutes,
    ...(o.stepsPerEpoch === undefined ? {} : { stepsPerEpoch: o.stepsPerEpoch }),
    ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }),
    trainer: (steps) => ({
      optimizer: { type: 'adamw', weightDecay: plan.weightDecay },
      lr: plan.lr,
      schedule: { type: 'cosine', warmupSteps: Math.min(plan.warmupSteps, Math.floor(steps / 10)) },
      ...(plan.clipNorm === undefined ? {} : { clipNorm: plan.clipNorm }),
      seed: 0,
      logEvery: 20,
      progress: 'jsonl',
      logTo: process.stderr,
    }),
    log: o.log,
  });
  try {
    const extra = o.extra ? await o.extra(run.objective) : undefined;
    return {
      encoder: run.objective.encoder,
      record: {
        objective: plan.objective,
        encoder: plan.encoder,
        steps: run.steps,
        plannedSteps: run.plannedSteps,
        seconds: run.seconds,
        secondsPerStep: run.secondsPerStep,
        finalLoss: run.finalLoss,
        stopReason: run.stopReason,
        lr: plan.lr,
        batchSize: plan.batchSize,
        minutes: plan.minutes,
        ...(extra ? { extra } : {}),
      },
      dispose: () => run.objective.dispose(),
    };
  } catch (e) {
    run.objective.dispose();
    throw e;
  }
}
