import type * as tf from '@tensorflow/tfjs';
import { adamRule } from './adam-rule.js';
import { larsRule } from './lars-rule.js';
import { parseOptimizerConfig, type NormalizedOptimizerConfig, type OptimizerConfig } from './optimizer-config.js';
import { sgdRule } from './sgd-rule.js';
import { SlotOptimizer } from './slot-optimizer.js';
import type { UpdateRule } from './update-rule.js';
import { isNoDecayVariable } from './weight-decay.js';

export {
  optimizerConfigSchema,
  parseOptimizerConfig,
  type NormalizedOptimizerConfig,
  type OptimizerConfig,
  type OptimizerType,
} from './optimizer-config.js';

/**
 * An optimizer's savable state. `slots` is keyed `${variable.name}/${slotName}`; slot names are
 * `m`, `v` (adam, adamw) and `momentum` (sgd with momentum, lars).
 */
export interface OptimizerState {
  /** Updates done so far. */
  iterations: number;
  slots: Record<string, tf.Tensor>;
}

/** A stateful optimizer that updates `tf.Variable`s in place at a per-step learning rate. */
export interface Optimizer {
  /** The configuration, defaults filled. */
  readonly config: NormalizedOptimizerConfig;
  /**
   * One update of `variables` with `grads` (keyed by variable.name, as tf.variableGrads returns)
   * at learning rate `lr`. Variables without a gradient are left alone; gradients of variables not
   * in `variables` are ignored. Disposes nothing it does not own; leaks nothing.
   * @throws Error on a negative or non-finite `lr`, a gradient whose shape differs from its
   *   variable's, a non-float32 variable, a variable listed twice, or after {@link Optimizer.dispose}.
   */
  applyGradients(variables: readonly tf.Variable[], grads: Readonly<Record<string, tf.Tensor>>, lr: number): void;
  /** Number of {@link Optimizer.applyGradients} calls so far (restored by {@link Optimizer.setState}). */
  readonly iterations: number;
  /** Current slots (copies the caller owns and must dispose). */
  getState(): OptimizerState;
  /**
   * Restores slots (copies the given tensors; caller keeps ownership), replacing all current ones.
   * Throws a clear error on a slot whose shape does not match its variable (checked now for
   * variables that exist, else at their first update), or whose name is not a slot of this optimizer.
   */
  setState(state: OptimizerState): void;
  /** Frees the slots. The optimizer cannot be used afterwards. */
  dispose(): void;
}

/** Options of {@link createOptimizer}. */
export interface CreateOptimizerOptions {
  /**
   * Variables that get no weight decay (and, with LARS, no trust ratio).
   * Defaults to {@link isNoDecayVariable} (rank ≤ 1: biases and norm parameters).
   */
  readonly excludeFromWeightDecay?: (v: tf.Variable) => boolean;
}

/**
 * Creates an optimizer from its config: Adam, AdamW (decoupled weight decay), SGD (momentum,
 * Nesterov, L2 weight decay) or LARS. The update rules are written with tf ops (not `tf.train.*`)
 * so that the learning rate can change every step and the state can be saved.
 *
 * @example
 * ```ts
 * const w = tf.variable(tf.randomNormal([784, 10]), true, 'w');
 * const opt = createOptimizer({ type: 'adamw', weightDecay: 0.05 });
 * const lr = warmupCosine({ baseLr: 1e-3, totalSteps: 1000, warmupSteps: 100 });
 * const { grads } = tf.variableGrads(() => loss(w), [w]);
 * opt.applyGradients([w], grads, lr(opt.iterations));
 * tf.dispose(grads);
 * ```
 * @throws Error naming every problem of an invalid config.
 */
export function createOptimizer(config: OptimizerConfig, options: CreateOptimizerOptions = {}): Optimizer {
  const normalized = parseOptimizerConfig(config);
  return new SlotOptimizer(normalized, ruleOf(normalized), options.excludeFromWeightDecay ?? isNoDecayVariable);
}

function ruleOf(c: NormalizedOptimizerConfig): UpdateRule {
  switch (c.type) {
    case 'adam':
      return adamRule({ ...c, weightDecay: 0 });
    case 'adamw':
      return adamRule(c);
    case 'sgd':
      return sgdRule(c);
    case 'lars':
      return larsRule(c);
  }
}
