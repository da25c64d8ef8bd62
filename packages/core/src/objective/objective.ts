import type * as tf from '@tensorflow/tfjs';

/**
 * A batch handed to an objective: named tensors. Vision objectives read `x` (images,
 * `[B, H, W, C]` float32 in [0, 1]); text objectives read `tokens` (`[B, T]` int32);
 * audio objectives read `wave` (`[B, samples]`); pair objectives read both sides.
 * Labels, when a data source has them, travel as `y` and pre-training ignores them.
 */
export type Batch = Readonly<Record<string, tf.Tensor>>;

/** What the trainer tells an objective about the step it is computing. */
export interface StepContext {
  /** Optimizer steps completed before this one (0-based). */
  readonly step: number;
  /** Planned total number of optimizer steps of the run (for schedules such as BYOL's EMA). */
  readonly totalSteps: number;
  /**
   * A seed for this step's randomness (augmentations, masks, negatives), derived from the run seed
   * and the step, so that a resumed run draws exactly the same numbers as a straight one.
   */
  readonly seed: number;
}

/** JSON config of an objective: what `registerObjective` factories validate and `getConfig` returns. */
export type ObjectiveConfig = Readonly<Record<string, unknown>>;

/**
 * The contract every pretext task implements.
 *
 * An objective owns the encoder (the reusable representation that is kept after pre-training),
 * its heads (projectors, predictors, decoders) and its augmentation or masking, and turns a batch
 * into a scalar loss. The trainer knows nothing else about it: it differentiates `loss` with
 * respect to `trainableVariables()`, applies the optimizer, then calls `afterStep`.
 */
export interface Objective {
  /** Registered name, e.g. `"simclr"`. */
  readonly name: string;
  /** The encoder being pre-trained: input → representation. */
  readonly encoder: tf.LayersModel;
  /** Every variable the optimizer updates: encoder and heads (not EMA targets). */
  trainableVariables(): tf.Variable[];
  /**
   * Variables that are not trained by gradient but are part of the state (BYOL's target network,
   * batch-norm moving statistics of heads). Saved in checkpoints next to the trainable ones.
   */
  stateVariables?(): tf.Variable[];
  /** The scalar loss for a batch. Called inside `optimizer.minimize`, so it must not dispose its inputs. */
  loss(batch: Batch, ctx: StepContext): tf.Scalar;
  /** Called after each optimizer step, outside the gradient tape (e.g. BYOL's EMA update). */
  afterStep?(ctx: StepContext): void;
  /** Embeds inputs with the encoder for evaluation (defaults to `encoder.predict(batch.x)`). */
  embed?(batch: Batch): tf.Tensor2D;
  /** The config this objective was built from: `createObjective(name, getConfig())` rebuilds it. */
  getConfig(): ObjectiveConfig;
  /** Frees every tensor and variable the objective owns. */
  dispose(): void;
}
