import { tf } from '@pretext/core';
import { firstShape, type LayerArgs } from './layer-args.js';

/**
 * Layer normalisation over the last axis (Ba, Kiros, Hinton 2016), `γ·(x − μ)/√(σ² + ε) + β`,
 * written with elementary ops whose gradients are fast on wasm. Serializable.
 */
export class TextLayerNorm extends tf.layers.Layer {
  static readonly className = 'PretextTextLayerNorm';
  readonly epsilon: number;
  private gamma: tf.LayerVariable | undefined;
  private beta: tf.LayerVariable | undefined;

  constructor(args: LayerArgs & { epsilon?: number } = {}) {
    const { epsilon, ...rest } = args;
    super(rest);
    this.epsilon = epsilon ?? 1e-5;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const d = firstShape(inputShape).at(-1);
    if (typeof d !== 'number') throw new Error('TextLayerNorm: the last axis must be known');
    this.gamma = this.addWeight('gamma', [d], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [d], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const centred = tf.sub(x, tf.mean(x, -1, true));
      const normed = tf.mul(centred, tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), this.epsilon)));
      return tf.add(tf.mul(normed, this.gamma!.read()), this.beta!.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return firstShape(inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(TextLayerNorm);
