import { z } from 'zod';
import type { ObjectiveConfig } from '../objective/objective.js';
import type { ModelSignature } from './model-signature.js';

/** The `format` field of every checkpoint's metadata. */
export const CHECKPOINT_FORMAT = 'pretext-checkpoint';
/** The checkpoint layout version this Pretext writes and reads. */
export const CHECKPOINT_VERSION = 1;

/** Where a run stood when a checkpoint was written. */
export interface CheckpointProgress {
  /** Optimizer steps completed. */
  readonly step: number;
  /** The epoch (0-based) the next batch belongs to. */
  readonly epoch: number;
  /** Batches (micro-batches) of that epoch already consumed, skipped when resuming. */
  readonly positionInEpoch: number;
  /** The run's planned number of steps. */
  readonly totalSteps: number;
  /** Samples consumed since the start of the run. */
  readonly samplesSeen: number;
}

/**
 * The JSON metadata of a checkpoint. Tensors are stored next to it as `trainable/<i>`, `state/<i>`
 * (in the order of the signature) and `optimizer/<i>/<slot>` (slots of trainable variable `i`).
 */
export interface CheckpointMeta {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: number;
  /** ISO 8601 time of writing. */
  readonly createdAt: string;
  /** Registered objective name and config: `createObjective(name, config)` rebuilds the model. */
  readonly objective: { readonly name: string; readonly config: ObjectiveConfig };
  /** The trainer config of the run (normalized; `schedule: 'custom'` for a function schedule). */
  readonly trainer: Readonly<Record<string, unknown>>;
  readonly progress: CheckpointProgress;
  /** `Rng.getState()` of the trainer's generator. */
  readonly rng: readonly [number, number, number, number];
  /** Optimizer kind and number of updates done. */
  readonly optimizer: { readonly type: string; readonly iterations: number };
  readonly signature: ModelSignature;
}

const count = z.number().int().min(0);
const variableSignature = z.strictObject({
  name: z.string().min(1),
  shape: z.array(count),
  dtype: z.string().min(1),
});
const uint32 = z.number().int().min(0).max(0xffffffff);

/** Validates checkpoint metadata read from a file (unknown keys are kept, for forward compatibility). */
export const checkpointMetaSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT, { error: `format is not '${CHECKPOINT_FORMAT}'` }),
  version: z.literal(CHECKPOINT_VERSION, { error: `version is not ${CHECKPOINT_VERSION} (the one this Pretext reads)` }),
  createdAt: z.string(),
  objective: z.object({ name: z.string().min(1), config: z.record(z.string(), z.unknown()) }),
  trainer: z.record(z.string(), z.unknown()),
  progress: z.object({
    step: count,
    epoch: count,
    positionInEpoch: count,
    totalSteps: count,
    samplesSeen: count,
  }),
  rng: z.tuple([uint32, uint32, uint32, uint32]),
  optimizer: z.object({ type: z.string().min(1), iterations: count }),
  signature: z.object({ trainable: z.array(variableSignature), state: z.array(variableSignature) }),
});

/**
 * Validates checkpoint metadata.
 * @returns the metadata, or a description of every problem.
 */
export function parseCheckpointMeta(meta: unknown): { ok: true; meta: CheckpointMeta } | { ok: false; problem: string } {
  const r = checkpointMetaSchema.safeParse(meta);
  if (r.success) return { ok: true, meta: r.data as CheckpointMeta };
  const lines = r.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(meta)'}: ${i.message}`);
  return { ok: false, problem: `its metadata is not a Pretext checkpoint's (${lines.join('; ')})` };
}
