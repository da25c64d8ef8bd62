import * as tf from '@tensorflow/tfjs';
import type { UpdateRule } from './update-rule.js';

/** Options of {@link adamRule}. */
export interface AdamRuleOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled weight decay λ (AdamW); 0 gives plain Adam. */
  readonly weightDecay: number;
}

/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"), bias-corrected as in
 * PyTorch and `tf.train.adam`: `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`,
 * `w ← w − lr·m̂ / (√v̂ + ε)` with `m̂ = m/(1−β1ᵗ)`, `v̂ = v/(1−β2ᵗ)`.
 *
 * With `weightDecay > 0` it is AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay
 * Regularization"), PyTorch convention: `w ← w − lr·λ·w` before the Adam step, skipped for
 * variables excluded from weight decay.
 */
export function adamRule(o: AdamRuleOptions): UpdateRule {
  return {
    slotNames: ['m', 'v'],
    update({ value, grad, slots, lr, step, decay }) {
      const m = tf.add(tf.mul(slots.m!, o.beta1), tf.mul(grad, 1 - o.beta1));
      const v = tf.add(tf.mul(slots.v!, o.beta2), tf.mul(tf.square(grad), 1 - o.beta2));
      const mHat = tf.div(m, 1 - Math.pow(o.beta1, step));
      const vHat = tf.div(v, 1 - Math.pow(o.beta2, step));
      const delta = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), o.epsilon)), lr);
      const decayed = decay && o.weightDecay > 0 ? tf.sub(value, tf.mul(value, lr * o.weightDecay)) : value;
      return { value: tf.sub(decayed, delta), slots: { m, v } };
    },
  };
}
