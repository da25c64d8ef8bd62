import * as tf from '@tensorflow/tfjs';
import type { UpdateOutput, UpdateRule } from './update-rule.js';

/** Options of {@link sgdRule}. */
export interface SgdRuleOptions {
  readonly momentum: number;
  readonly nesterov: boolean;
  /** L2 penalty added to the gradient (`g ← g + λ·w`), skipped for excluded variables. */
  readonly weightDecay: number;
}

/**
 * Stochastic gradient descent with (heavy-ball or Nesterov) momentum, PyTorch convention
 * (Sutskever et al. 2013, "On the importance of initialization and momentum in deep learning"):
 * `g ← g + λ·w`, `b ← μ·b + g` (so `b = g` on the first step), `w ← w − lr·b`, or with Nesterov
 * `w ← w − lr·(g + μ·b)`. Without momentum there is no slot and `w ← w − lr·g`.
 */
export function sgdRule(o: SgdRuleOptions): UpdateRule {
  return {
    slotNames: o.momentum > 0 ? ['momentum'] : [],
    update({ value, grad, slots, lr, decay }): UpdateOutput {
      const g = decay && o.weightDecay > 0 ? tf.add(grad, tf.mul(value, o.weightDecay)) : grad;
      if (!(o.momentum > 0)) return { value: tf.sub(value, tf.mul(g, lr)), slots: {} };
      const buf = tf.add(tf.mul(slots.momentum!, o.momentum), g);
      const direction = o.nesterov ? tf.add(g, tf.mul(buf, o.momentum)) : buf;
      return { value: tf.sub(value, tf.mul(direction, lr)), slots: { momentum: buf } };
    },
  };
}
