import { tf } from '@pretext/core';
import { firstShape, type LayerArgs } from './layer-args.js';
import { tokenMask } from './padding-mask.js';

/**
 * Mean of hidden states over the non-`[PAD]` tokens: `[h [B, T, D], ids [B, T]]` → `[B, D]` (a
 * sequence of padding only gives zeros). The sentence embedding used by probes. Serializable.
 */
export class MaskedMeanPool extends tf.layers.Layer {
  static readonly className = 'PretextMaskedMeanPool';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('MaskedMeanPool: expects [hidden, ids]');
      const mask = tf.expandDims(tokenMask(inputs[1]!), 2); // [B, T, 1]
      const sum = tf.sum(tf.mul(inputs[0]!, mask), 1);
      return tf.div(sum, tf.maximum(tf.sum(mask, 1), 1));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = firstShape(inputShape);
    return [s[0]!, s[2]!];
  }
}

tf.serialization.registerClass(MaskedMeanPool);
