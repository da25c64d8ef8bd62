import type * as tf from '@tensorflow/tfjs';

/** What an {@link UpdateRule} sees for one variable at one step. All tensors are borrowed. */
export interface UpdateInput {
  /** The variable's current value. */
  readonly value: tf.Tensor;
  /** Its gradient (same shape). */
  readonly grad: tf.Tensor;
  /** Its current slots, by slot name (one per name in {@link UpdateRule.slotNames}). */
  readonly slots: Readonly<Record<string, tf.Tensor>>;
  /** Learning rate of this step. */
  readonly lr: number;
  /** 1-based number of this update (`iterations + 1`), for bias corrections. */
  readonly step: number;
  /** Whether weight decay (and, for LARS, layer-wise adaptation) applies to this variable. */
  readonly decay: boolean;
}

/** New value and slots of one variable, computed by an {@link UpdateRule}. */
export interface UpdateOutput {
  readonly value: tf.Tensor;
  readonly slots: Readonly<Record<string, tf.Tensor>>;
}

/**
 * One optimizer's per-variable update rule, as pure tensor maths. The optimizer that runs it owns
 * the slot variables and runs {@link UpdateRule.update} inside a `tf.tidy`, so a rule may create
 * intermediate tensors freely.
 */
export interface UpdateRule {
  /** Names of the per-variable state tensors (zero-initialised), e.g. `['m', 'v']` for Adam. */
  readonly slotNames: readonly string[];
  update(input: UpdateInput): UpdateOutput;
}
