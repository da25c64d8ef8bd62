/** The two reference models, unchanged since the first runs so results compare over time. */
export const REFERENCE_MODEL_NAMES = ['cnn', 'transformer'] as const;

/** Every registered objective, timed one training step at a time on small fixed inputs. */
export const OBJECTIVE_MODEL_NAMES = ['simclr', 'byol', 'mae', 'masked-lm', 'causal-lm', 'cpc', 'wav2vec', 'clip'] as const;

/** The models the throughput benchmark trains: the reference models, then every objective. */
export const MODEL_NAMES = [...REFERENCE_MODEL_NAMES, ...OBJECTIVE_MODEL_NAMES] as const;

/** An objective workload's name. */
export type ObjectiveModelName = (typeof OBJECTIVE_MODEL_NAMES)[number];

/** What one sample of a workload is. */
export type SampleUnit = 'images' | 'sequences' | 'clips' | 'pairs';

/** A model the throughput benchmark trains: `cnn` (ResNet-style), `transformer` (encoder), or an objective. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** Whether a string names a benchmark model. */
export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** A JSON-friendly description of a model's shape. */
export type ModelShape = Readonly<Record<string, number | string | readonly number[]>>;

/**
 * A model, its optimizer and one fixed, seeded batch: everything needed to time training steps.
 * Training repeatedly on the same batch makes the loss fall, which the benchmark checks.
 */
export interface TrainingWorkload {
  readonly model: ModelName;
  /** What a sample is: an image for the CNN, a sequence for the transformer, … */
  readonly unit: SampleUnit;
  /** Samples per step. */
  readonly batch: number;
  /** Trainable scalars. */
  readonly paramCount: number;
  /** The model's resolved configuration. */
  readonly shape: ModelShape;
  /** One line naming the model, its input and its optimizer. */
  readonly description: string;
  /**
   * One full training step — forward, backward, Adam update — then `await loss.data()` so that the
   * step's work has finished. Resolves to the loss before the update.
   */
  step(): Promise<number>;
  /** Disposes the model, the optimizer and the batch. */
  dispose(): void;
}

/** Options shared by the workload builders. */
export interface WorkloadOptions {
  /** Samples per step (default: 128 for the CNN, 32 for the transformer). */
  readonly batch?: number;
  /** Adam learning rate (default 1e-3). */
  readonly learningRate?: number;
  /** Seed of the weights and the batch (default 1). */
  readonly seed?: number;
}

/** Throws unless `v` is a positive integer; names the builder and the option. */
export function requirePositiveInteger(where: string, name: string, v: number): number {
  if (!(Number.isInteger(v) && v > 0)) throw new Error(`${where}: ${name} must be a positive integer, got ${v}`);
  return v;
}
