import * as tf from '@tensorflow/tfjs';
import { sameShape } from './same-shape.js';

/**
 * Sums gradients over several micro-batches (gradient accumulation) and gives their mean, so that
 * `k` micro-batches of size `b` update like one batch of size `k·b` (for a loss that averages over
 * the batch and has no batch-coupled terms).
 *
 * A key missing from some {@link GradientAccumulator.add} calls counts as a zero gradient there.
 * The sums survive an enclosing `tf.tidy`.
 */
export class GradientAccumulator {
  private sums = new Map<string, tf.Tensor>();
  private n = 0;

  /** Number of {@link GradientAccumulator.add} calls since construction or the last reset. */
  get count(): number {
    return this.n;
  }

  /**
   * Adds one set of gradients to the running sums. Does not take ownership of `grads`.
   * @throws Error when a gradient's shape differs from earlier ones of the same key.
   */
  add(grads: Readonly<Record<string, tf.Tensor>>): void {
    for (const [k, g] of Object.entries(grads)) {
      const prev = this.sums.get(k);
      if (prev !== undefined && !sameShape(prev.shape, g.shape)) {
        throw new Error(`GradientAccumulator.add: gradient '${k}' has shape [${g.shape}], earlier ones [${prev.shape}]`);
      }
    }
    for (const [k, g] of Object.entries(grads)) {
      const prev = this.sums.get(k);
      const next = tf.keep(prev === undefined ? tf.clone(g) : tf.add(prev, g));
      prev?.dispose();
      this.sums.set(k, next);
    }
    this.n++;
  }

  /**
   * The mean gradient, `sum / count`, as new tensors the caller disposes.
   * @throws Error when nothing was added.
   */
  mean(): Record<string, tf.Tensor> {
    if (this.n === 0) throw new Error('GradientAccumulator.mean: nothing was added since the last reset');
    const out: Record<string, tf.Tensor> = {};
    for (const [k, s] of this.sums) out[k] = tf.div(s, this.n);
    return out;
  }

  /** Drops the sums and sets the count to 0. */
  reset(): void {
    for (const s of this.sums.values()) s.dispose();
    this.sums.clear();
    this.n = 0;
  }

  /** Frees the sums (same as {@link GradientAccumulator.reset}). */
  dispose(): void {
    this.reset();
  }
}
