import * as tf from '@tensorflow/tfjs';

/** Losses of a logging window, read back in one transfer. */
export interface WindowValues {
  /** Step number (1-based count of steps done) of the first loss. */
  readonly firstStep: number;
  readonly losses: Float32Array;
  /** The latest gradient norm computed, NaN if none. */
  readonly gradNorm: number;
}

/**
 * Keeps the per-step losses (and the latest gradient norm) on the device between reads, so that the
 * trainer syncs with the device once per logging window rather than once per step. It always holds
 * the same number of tensors (two at most), so `tf.memory().numTensors` stays flat across steps.
 */
export class LossWindow {
  private values: tf.Tensor1D = tf.zeros([0]);
  private norm: tf.Scalar | undefined;
  private firstStep = 0;

  /** Steps pushed since the last read. */
  get size(): number {
    return this.values.shape[0];
  }

  /** Appends the loss of step `step` (1-based), taking ownership of `loss` and `gradNorm`. */
  push(step: number, loss: tf.Scalar, gradNorm: tf.Scalar | undefined): void {
    if (this.size === 0) this.firstStep = step;
    const next = tf.tidy(() => tf.concat([this.values, tf.reshape(loss, [1])]) as tf.Tensor1D);
    this.values.dispose();
    loss.dispose();
    this.values = next;
    if (gradNorm !== undefined) {
      this.norm?.dispose();
      this.norm = gradNorm;
    }
  }

  /** Reads the window's losses back and empties it. */
  async read(): Promise<WindowValues> {
    const losses = (await this.values.data()) as Float32Array;
    const gradNorm = this.norm === undefined ? NaN : (await this.norm.data())[0]!;
    const firstStep = this.firstStep;
    this.values.dispose();
    this.values = tf.zeros([0]);
    return { firstStep, losses, gradNorm };
  }

  /** Frees the window's tensors. */
  dispose(): void {
    this.values.dispose();
    this.norm?.dispose();
    this.norm = undefined;
  }
}
