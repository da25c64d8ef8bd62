import { tf } from '@pretext/core';

/** Constructor arguments of {@link ChannelTimeNorm}. */
export interface ChannelTimeNormArgs {
  /** Added to the variance (default 1e-5, as in PyTorch's GroupNorm). */
  readonly epsilon?: number;
  readonly name?: string;
}

/**
 * wav2vec 2.0's first-layer normalisation (`GroupNorm(C, C)` in fairseq's `extractor_mode="default"`):
 * each channel of each clip is normalised over TIME, `(x − mean_t) / sqrt(var_t + ε)`, then scaled
 * and shifted by a learned per-channel `γ`, `β`. Unlike a layer norm over channels it keeps how the
 * channels' energies compare within a frame — the spectral envelope a speaker is recognised by.
 * Frames `[B, T, C]` of any length. Registered for serialization as `PretextAudioChannelTimeNorm`.
 */
export class ChannelTimeNorm extends tf.layers.Layer {
  static readonly className = 'PretextAudioChannelTimeNorm';
  private readonly epsilon: number;
  private gamma: tf.LayerVariable | undefined;
  private beta: tf.LayerVariable | undefined;

  constructor(args: ChannelTimeNormArgs = {}) {
    super(args.name === undefined ? {} : { name: args.name });
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const c = shape[shape.length - 1];
    if (shape.length !== 3 || typeof c !== 'number') throw new Error(`ChannelTimeNorm: needs frames [B, T, C] with a known C, got [${shape.join(', ')}]`);
    this.gamma = this.addWeight('gamma', [c], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [c], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const { mean, variance } = tf.moments(x, 1, true);
      const normed = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, this.epsilon)));
      return tf.add(tf.mul(normed, this.gamma!.read()), this.beta!.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(ChannelTimeNorm);
