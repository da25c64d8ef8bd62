import { z } from 'zod';

/** A learning-rate schedule: the learning rate of the update after `step` updates (0-based). */
export type LrSchedule = (step: number) => number;

/** Options of {@link warmupCosine}. */
export interface WarmupCosineOptions {
  /** Peak learning rate, reached at the end of the warm-up (≥ 0). */
  baseLr: number;
  /** Step at which the cosine reaches `finalLr` (integer ≥ 1). */
  totalSteps: number;
  /** Length of the linear warm-up (integer in [0, totalSteps]; default 0). */
  warmupSteps?: number;
  /** Learning rate at `totalSteps` and after (≥ 0; default 0). */
  finalLr?: number;
  /** Learning rate at step 0 (≥ 0; default 0). */
  warmupStartLr?: number;
}

/**
 * Linear warm-up then cosine decay (Goyal et al. 2017; Loshchilov & Hutter 2017, "SGDR"), the
 * schedule of SimCLR, BYOL, MoCo v3, DINO and MAE: from `warmupStartLr` at step 0 linearly to
 * `baseLr` at `warmupSteps`, then `finalLr + (baseLr − finalLr)·(1 + cos(π·p))/2` with
 * `p = (step − warmupSteps)/(totalSteps − warmupSteps)`, reaching `finalLr` at `totalSteps` and
 * staying there.
 *
 * @example
 * ```ts
 * const lr = warmupCosine({ baseLr: 1e-3, totalSteps: 10_000, warmupSteps: 500 });
 * opt.applyGradients(vars, grads, lr(opt.iterations));
 * ```
 * @throws Error naming the first invalid option.
 */
export function warmupCosine(o: WarmupCosineOptions): LrSchedule {
  const { baseLr, totalSteps, warmupSteps = 0, finalLr = 0, warmupStartLr = 0 } = o;
  checkLr('warmupCosine: baseLr', baseLr);
  checkLr('warmupCosine: finalLr', finalLr);
  checkLr('warmupCosine: warmupStartLr', warmupStartLr);
  checkTotalSteps('warmupCosine', totalSteps);
  if (!(Number.isInteger(warmupSteps) && warmupSteps >= 0 && warmupSteps <= totalSteps)) {
    throw new Error(`warmupCosine: warmupSteps must be an integer in [0, totalSteps = ${totalSteps}], got ${warmupSteps}`);
  }
  return (step) => {
    checkStep(step);
    if (step >= totalSteps) return finalLr;
    if (step < warmupSteps) return warmupStartLr + ((baseLr - warmupStartLr) * step) / warmupSteps;
    const p = (step - warmupSteps) / (totalSteps - warmupSteps);
    return finalLr + ((baseLr - finalLr) * (1 + Math.cos(Math.PI * p))) / 2;
  };
}

/** The same learning rate at every step. */
export function constantLr(lr: number): LrSchedule {
  checkLr('constantLr: lr', lr);
  return (step) => {
    checkStep(step);
    return lr;
  };
}

const lrField = (name: string) =>
  z.number({ error: `${name} must be a finite number` }).min(0, { error: `${name} must be ≥ 0 (a learning rate)` });
const warmupField = z
  .number({ error: 'warmupSteps must be a finite number' })
  .int({ error: 'warmupSteps must be an integer' })
  .min(0, { error: 'warmupSteps must be ≥ 0' });

/**
 * Zod schema of {@link ScheduleConfig}, filling defaults (0 for every optional field):
 * - `{ type: 'cosine', warmupSteps?, finalLr?, warmupStartLr? }`: {@link warmupCosine};
 * - `{ type: 'constant', warmupSteps?, warmupStartLr? }`: the base learning rate, after an optional
 *   linear warm-up.
 */
export const scheduleConfigSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('cosine'),
      warmupSteps: warmupField.default(0),
      finalLr: lrField('finalLr').default(0),
      warmupStartLr: lrField('warmupStartLr').default(0),
    }),
    z.strictObject({
      type: z.literal('constant'),
      warmupSteps: warmupField.default(0),
      warmupStartLr: lrField('warmupStartLr').default(0),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `unknown schedule type ${JSON.stringify((issue.input as { type?: unknown } | undefined)?.type)}; use cosine or constant`
        : undefined,
  },
);

/** A learning-rate schedule configuration, as a user writes it. */
export type ScheduleConfig =
  | { type: 'cosine'; warmupSteps?: number; finalLr?: number; warmupStartLr?: number }
  | { type: 'constant'; warmupSteps?: number; warmupStartLr?: number };

/** A {@link ScheduleConfig} with defaults filled (what {@link scheduleConfigSchema} outputs). */
export type NormalizedScheduleConfig =
  | { readonly type: 'cosine'; readonly warmupSteps: number; readonly finalLr: number; readonly warmupStartLr: number }
  | { readonly type: 'constant'; readonly warmupSteps: number; readonly warmupStartLr: number };

/**
 * Builds the schedule a config describes, for a run of `totalSteps` updates peaking at `baseLr`.
 * @throws Error listing the problems of an invalid config, or naming an invalid argument
 *   (including `warmupSteps > totalSteps`).
 */
export function createSchedule(config: ScheduleConfig, totalSteps: number, baseLr: number): LrSchedule {
  // Typed so that the compiler checks that the schema and the hand-written types agree.
  const schema: z.ZodType<NormalizedScheduleConfig, ScheduleConfig> = scheduleConfigSchema;
  const r = schema.safeParse(config);
  if (!r.success) throw new Error(`invalid schedule config:\n${z.prettifyError(r.error)}`);
  const c = r.data;
  checkLr('createSchedule: baseLr', baseLr);
  checkTotalSteps('createSchedule', totalSteps);
  if (c.type === 'constant' && c.warmupSteps === 0) return constantLr(baseLr);
  const finalLr = c.type === 'cosine' ? c.finalLr : baseLr;
  return warmupCosine({ baseLr, totalSteps, warmupSteps: c.warmupSteps, finalLr, warmupStartLr: c.warmupStartLr });
}

function checkLr(what: string, lr: number): void {
  if (!(Number.isFinite(lr) && lr >= 0)) throw new Error(`${what} must be a finite number ≥ 0, got ${lr}`);
}

function checkTotalSteps(what: string, totalSteps: number): void {
  if (!(Number.isInteger(totalSteps) && totalSteps >= 1)) {
    throw new Error(`${what}: totalSteps must be an integer ≥ 1, got ${totalSteps}`);
  }
}

function checkStep(step: number): void {
  if (!(Number.isFinite(step) && step >= 0)) throw new Error(`LrSchedule: step must be a finite number ≥ 0, got ${step}`);
}
