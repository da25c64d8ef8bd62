import * as tf from '@tensorflow/tfjs';
import type { Batch, Objective, StepContext } from '../objective/objective.js';
import { clipByGlobalNorm, globalNorm } from '../optim/clip.js';
import { GradientAccumulator } from '../optim/gradient-accumulator.js';
import type { Optimizer } from '../optim/optimizer.js';
import { mixSeed } from '../tensor/rng.js';

/** What one optimizer step produced (tensors the caller owns). */
export interface StepOutput {
  /** Mean loss over the step's micro-batches. */
  readonly loss: tf.Scalar;
  /** Global L2 norm of the (mean) gradient before clipping, when it was computed. */
  readonly gradNorm: tf.Scalar | undefined;
}

/**
 * The tensor mechanics of a training step: gradients of each micro-batch
 * (`tf.variableGrads(() => objective.loss(batch, ctx))`), their mean over the micro-batches,
 * clipping by global norm, the optimizer update, then `objective.afterStep`. Nothing is read back
 * from the device; no tensor outlives the step but the ones it returns.
 */
export class StepRunner {
  private readonly acc = new GradientAccumulator();
  private single: Record<string, tf.Tensor> | undefined;
  private losses: tf.Scalar[] = [];

  /**
   * @param objective The objective whose loss is minimised.
   * @param variables Its trainable variables (names unique).
   * @param optimizer Updates `variables`.
   * @param options `clipNorm`: clip to this global norm; `seed`: run seed for `StepContext.seed`.
   */
  constructor(
    private readonly objective: Objective,
    private readonly variables: tf.Variable[],
    private readonly optimizer: Optimizer,
    private readonly options: { readonly clipNorm?: number | undefined; readonly seed: number },
  ) {}

  /** Micro-batches computed since the last {@link StepRunner.apply}. */
  get pending(): number {
    return this.losses.length;
  }

  /**
   * Computes the loss and gradients of one micro-batch of optimizer step `step` (0-based) and keeps
   * them until {@link StepRunner.apply}. The batch is not disposed.
   */
  micro(batch: Batch, step: number, totalSteps: number): void {
    const ctx: StepContext = { step, totalSteps, seed: mixSeed(this.options.seed, step, this.losses.length) };
    const { value, grads } = tf.variableGrads(() => this.objective.loss(batch, ctx), this.variables);
    this.losses.push(value);
    if (this.single === undefined && this.acc.count === 0) {
      this.single = grads;
      return;
    }
    try {
      if (this.single !== undefined) {
        this.acc.add(this.single);
        tf.dispose(this.single);
        this.single = undefined;
      }
      this.acc.add(grads);
    } finally {
      tf.dispose(grads);
    }
  }

  /**
   * Applies the mean gradient of the pending micro-batches at learning rate `lr`, then calls
   * `objective.afterStep` with `StepContext.seed = mixSeed(seed, step)`.
   * @param wantNorm compute the gradient norm even when not clipping (for logging).
   */
  apply(step: number, totalSteps: number, lr: number, wantNorm: boolean): StepOutput {
    if (this.losses.length === 0) throw new Error('StepRunner.apply: no micro-batch was computed');
    let grads = this.single ?? this.acc.mean();
    this.single = undefined;
    this.acc.reset();
    let gradNorm: tf.Scalar | undefined;
    try {
      if (this.options.clipNorm !== undefined) {
        const clipped = clipByGlobalNorm(grads, this.options.clipNorm);
        tf.dispose(grads);
        grads = clipped.grads;
        gradNorm = clipped.norm;
      } else if (wantNorm) {
        gradNorm = globalNorm(grads);
      }
      this.optimizer.applyGradients(this.variables, grads, lr);
    } catch (e) {
      gradNorm?.dispose();
      this.dropLosses();
      throw e;
    } finally {
      tf.dispose(grads);
    }
    const losses = this.losses;
    this.losses = [];
    const loss = losses.length === 1 ? losses[0]! : tf.tidy(() => tf.div(tf.addN(losses), losses.length) as tf.Scalar);
    if (losses.length > 1) tf.dispose(losses);
    this.objective.afterStep?.({ step, totalSteps, seed: mixSeed(this.options.seed, step) });
    return { loss, gradNorm };
  }

  /** Frees pending gradients and losses. */
  dispose(): void {
    if (this.single !== undefined) tf.dispose(this.single);
    this.single = undefined;
    this.acc.dispose();
    this.dropLosses();
  }

  private dropLosses(): void {
    tf.dispose(this.losses);
    this.losses = [];
  }
}
