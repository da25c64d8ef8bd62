import { z } from 'zod';
import { optimizerConfigSchema, type NormalizedOptimizerConfig, type OptimizerConfig } from '../optim/optimizer.js';
import { scheduleConfigSchema, type NormalizedScheduleConfig, type ScheduleConfig } from '../optim/schedule.js';

const int = (name: string, min: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be an integer` })
    .min(min, { error: `${name} must be ≥ ${min}` });

/**
 * Zod schema of {@link TrainerConfig}, the JSON part of the trainer's options (what a CLI config file
 * holds and what checkpoints record). Unknown keys are rejected. Defaults:
 * `optimizer = { type: 'adam' }`, `lr = 1e-3`, `schedule = { type: 'constant' }`, no clipping,
 * `accumulate = 1`, `seed = 0`, `logEvery = 10`, no `outDir`, `checkpointEvery` = none (checkpoints
 * only at the end and on signals), `keepLast = 3`.
 */
export const trainerConfigSchema = z.strictObject({
  optimizer: optimizerConfigSchema.default({ type: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }),
  lr: z.number({ error: 'lr must be a number' }).positive({ error: 'lr must be > 0' }).finite().default(1e-3),
  schedule: scheduleConfigSchema.default({ type: 'constant', warmupSteps: 0, warmupStartLr: 0 }),
  clipNorm: z.number({ error: 'clipNorm must be a number' }).positive({ error: 'clipNorm must be > 0' }).finite().optional(),
  accumulate: int('accumulate', 1).default(1),
  seed: int('seed', 0).max(0xffffffff, { error: 'seed must be a uint32' }).default(0),
  logEvery: int('logEvery', 1).default(10),
  outDir: z.string({ error: 'outDir must be a path' }).min(1, { error: 'outDir must not be empty' }).optional(),
  checkpointEvery: int('checkpointEvery', 1).optional(),
  keepLast: int('keepLast', 1).default(3),
});

/** The JSON-serializable trainer configuration, as a user writes it (every field optional). */
export interface TrainerConfig {
  /** Adam, AdamW, SGD (momentum) or LARS; see `createOptimizer`. */
  readonly optimizer?: OptimizerConfig;
  /** Base (peak) learning rate. */
  readonly lr?: number;
  /** Learning-rate schedule around `lr`: `{ type: 'cosine', warmupSteps, finalLr }` or constant. */
  readonly schedule?: ScheduleConfig;
  /** Clip gradients to this global L2 norm before each update (after accumulation). */
  readonly clipNorm?: number;
  /** Micro-batches per optimizer step (gradient accumulation); gradients are averaged. */
  readonly accumulate?: number;
  /** Run seed: each micro-batch's `StepContext.seed` is `mixSeed(seed, step, microStep)`. */
  readonly seed?: number;
  /** Read the loss back, log and check it for NaN/Inf every this many steps. */
  readonly logEvery?: number;
  /** Directory for checkpoints (created if missing). Without it, nothing is written. */
  readonly outDir?: string;
  /** Write a checkpoint every this many optimizer steps (needs `outDir`). */
  readonly checkpointEvery?: number;
  /** How many periodic checkpoints to keep in `outDir` (the newest ones). */
  readonly keepLast?: number;
}

/** A {@link TrainerConfig} with defaults filled (what {@link trainerConfigSchema} outputs). */
export interface NormalizedTrainerConfig {
  readonly optimizer: NormalizedOptimizerConfig;
  readonly lr: number;
  readonly schedule: NormalizedScheduleConfig;
  readonly clipNorm?: number | undefined;
  readonly accumulate: number;
  readonly seed: number;
  readonly logEvery: number;
  readonly outDir?: string | undefined;
  readonly checkpointEvery?: number | undefined;
  readonly keepLast: number;
}

/**
 * Validates a trainer config and fills its defaults.
 * @throws Error listing every bad field, e.g. `invalid trainer config:\n  - accumulate: accumulate must be ≥ 1`.
 */
export function parseTrainerConfig(config: unknown): NormalizedTrainerConfig {
  const schema: z.ZodType<NormalizedTrainerConfig, TrainerConfig> = trainerConfigSchema;
  const r = schema.safeParse(config ?? {});
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.length ? i.path.map(String).join('.') : '(config)'}: ${i.message}`);
    throw new Error(`invalid trainer config:\n${lines.join('\n')}`);
  }
  if (r.data.checkpointEvery !== undefined && r.data.outDir === undefined) {
    throw new Error('invalid trainer config:\n  - checkpointEvery: needs outDir (where checkpoints are written)');
  }
  return r.data;
}
