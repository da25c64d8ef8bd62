import { tf } from '@pretext/core';
import type { LayerArgs } from './layer-args.js';

/** Options of {@link LayerNorm}. */
export interface LayerNormArgs extends LayerArgs {
  /** Added to the variance (default 1e-6, as in ViT). */
  readonly epsilon?: number;
}

/**
 * Layer normalisation over the last axis (Ba, Kiros, Hinton 2016) with a learned scale and
 * offset: `γ · (x − μ) / √(σ² + ε) + β`. Written with elementary ops, whose gradients are fast on
 * every backend (tfjs's `layerNormalization` tiles its statistics into a batch-norm kernel whose
 * gradient is orders of magnitude slower on wasm). Serializable (registered with
 * `tf.serialization.registerClass`).
 */
export class LayerNorm extends tf.layers.Layer {
  static readonly className = 'PretextLayerNorm';
  readonly epsilon: number;
  private gamma: tf.LayerVariable | undefined;
  private beta: tf.LayerVariable | undefined;

  constructor(args: LayerNormArgs = {}) {
    const { epsilon, ...layerArgs } = args;
    super(layerArgs);
    this.epsilon = epsilon ?? 1e-6;
    if (!(this.epsilon > 0)) throw new Error(`LayerNorm: epsilon must be > 0, got ${this.epsilon}`);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const d = shape[shape.length - 1];
    if (typeof d !== 'number') throw new Error(`LayerNorm: the last axis must be known, got [${shape.join(', ')}]`);
    this.gamma = this.addWeight('gamma', [d], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [d], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const centred = tf.sub(x, tf.mean(x, -1, true));
      const variance = tf.mean(tf.square(centred), -1, true);
      const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, this.epsilon)));
      return tf.add(tf.mul(normed, this.gamma!.read()), this.beta!.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(LayerNorm);
