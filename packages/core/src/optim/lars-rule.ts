import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule.js';

/** Options of {@link larsRule}. */
export interface LarsRuleOptions {
  readonly momentum: number;
  readonly weightDecay: number;
  /** η, the trust coefficient. */
  readonly trustCoefficient: number;
  /** Added to the trust ratio's denominator. */
  readonly epsilon: number;
}

/**
 * LARS, layer-wise adaptive rate scaling (You, Gitman & Ginsburg 2017, "Large Batch Training of
 * Convolutional Networks"), as SimCLR and BYOL train with it (lightly's formulation):
 * `ratio = η·‖w‖ / (‖g‖ + λ·‖w‖ + ε)`, `d = ratio·(g + λ·w)` (`d = g` where `‖w‖` or `‖g‖` is 0),
 * `b ← μ·b + d`, `w ← w − lr·b`. Variables excluded from weight decay (biases, norm parameters)
 * get neither weight decay nor the trust ratio: `d = g`, i.e. plain momentum SGD.
 */
export function larsRule(o: LarsRuleOptions): UpdateRule {
  return {
    slotNames: ['momentum'],
    update({ value, grad, slots, lr, decay }) {
      let d = grad;
      if (decay) {
        const wNorm = tf.sqrt(tf.sum(tf.square(value)));
        const gNorm = tf.sqrt(tf.sum(tf.square(grad)));
        const adapt = tf.logicalAnd(tf.greater(wNorm, 0), tf.greater(gNorm, 0));
        const ratio = tf.div(tf.mul(wNorm, o.trustCoefficient), tf.add(tf.add(gNorm, tf.mul(wNorm, o.weightDecay)), o.epsilon));
        // Where a norm is 0 the ratio is undefined: plain gradient, no decay (as lightly does).
        const trust = tf.where(adapt, ratio, tf.onesLike(ratio));
        const decayed = o.weightDecay > 0 ? tf.add(grad, tf.mul(value, tf.mul(tf.cast(adapt, 'float32'), o.weightDecay))) : grad;
        d = tf.mul(decayed, trust);
      }
      const buf = tf.add(tf.mul(slots.momentum!, o.momentum), d);
      return { value: tf.sub(value, tf.mul(buf, lr)), slots: { momentum: buf } };
    },
  };
}
