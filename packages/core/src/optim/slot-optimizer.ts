import * as tf from '@tensorflow/tfjs';
import { sameShape } from './same-shape.js';
import type { Optimizer, OptimizerState } from './optimizer.js';
import type { NormalizedOptimizerConfig } from './optimizer-config.js';
import type { UpdateRule } from './update-rule.js';

/**
 * An {@link Optimizer} that keeps per-variable slots (zero-initialised `tf.Variable`s, created on a
 * variable's first update) and runs an {@link UpdateRule} on each variable in one `tf.tidy`.
 *
 * Slot keys are `${variable.name}/${slotName}`. The slot variables are registered with tfjs under
 * the same name, or with a `_1`, `_2`, … suffix when another optimizer already uses it.
 */
export class SlotOptimizer implements Optimizer {
  private readonly slots = new Map<string, tf.Variable>();
  private iters = 0;
  private disposed = false;

  constructor(
    readonly config: NormalizedOptimizerConfig,
    private readonly rule: UpdateRule,
    private readonly excluded: (v: tf.Variable) => boolean,
  ) {}

  get iterations(): number {
    return this.iters;
  }

  applyGradients(variables: readonly tf.Variable[], grads: Readonly<Record<string, tf.Tensor>>, lr: number): void {
    this.checkAlive('applyGradients');
    if (!(Number.isFinite(lr) && lr >= 0)) {
      throw new Error(`Optimizer.applyGradients: lr must be a finite number ≥ 0, got ${lr}`);
    }
    const seen = new Set<string>();
    const work: { v: tf.Variable; g: tf.Tensor }[] = [];
    for (const v of variables) {
      if (seen.has(v.name)) throw new Error(`Optimizer.applyGradients: variable '${v.name}' is listed twice`);
      seen.add(v.name);
      const g = grads[v.name];
      if (g === undefined) continue;
      if (v.dtype !== 'float32') {
        throw new Error(`Optimizer.applyGradients: variable '${v.name}' is ${v.dtype}; only float32 variables can be optimized`);
      }
      if (!sameShape(g.shape, v.shape)) {
        throw new Error(
          `Optimizer.applyGradients: gradient of '${v.name}' has shape [${g.shape}] but the variable has shape [${v.shape}]`,
        );
      }
      for (const s of this.rule.slotNames) this.checkSlotShape(key(v.name, s), v);
      work.push({ v, g });
    }
    const step = this.iters + 1;
    for (const { v, g } of work) {
      const slotVars = this.rule.slotNames.map((s) => [s, this.slotOf(v, s)] as const);
      const decay = !this.excluded(v);
      tf.tidy(() => {
        const slots: Record<string, tf.Tensor> = {};
        for (const [s, sv] of slotVars) slots[s] = sv;
        const out = this.rule.update({ value: v, grad: g, slots, lr, step, decay });
        for (const [s, sv] of slotVars) sv.assign(out.slots[s]!);
        v.assign(out.value);
      });
    }
    this.iters = step;
  }

  getState(): OptimizerState {
    this.checkAlive('getState');
    const slots: Record<string, tf.Tensor> = {};
    for (const [k, sv] of this.slots) slots[k] = tf.clone(sv);
    return { iterations: this.iters, slots };
  }

  setState(state: OptimizerState): void {
    this.checkAlive('setState');
    const { iterations, slots } = state;
    if (!(Number.isInteger(iterations) && iterations >= 0)) {
      throw new Error(`Optimizer.setState: iterations must be an integer ≥ 0, got ${iterations}`);
    }
    const registered = tf.engine().registeredVariables;
    for (const [k, t] of Object.entries(slots)) {
      const cut = k.lastIndexOf('/');
      const varName = cut > 0 ? k.slice(0, cut) : '';
      const slotName = k.slice(cut + 1);
      if (!varName || !this.rule.slotNames.includes(slotName)) {
        const expected = this.rule.slotNames.length ? this.rule.slotNames.join(', ') : 'none';
        throw new Error(
          `Optimizer.setState: '${k}' is not a slot of this ${this.config.type} optimizer ` +
            `(keys are '<variable name>/<slot>', slots: ${expected})`,
        );
      }
      if (t.isDisposed) throw new Error(`Optimizer.setState: slot '${k}' is a disposed tensor`);
      if (t.dtype !== 'float32') throw new Error(`Optimizer.setState: slot '${k}' is ${t.dtype}, expected float32`);
      const v = registered[varName];
      if (v !== undefined && !sameShape(t.shape, v.shape)) {
        throw new Error(`Optimizer.setState: slot '${k}' has shape [${t.shape}] but variable '${varName}' has shape [${v.shape}]`);
      }
    }
    const old = [...this.slots.values()];
    this.slots.clear();
    for (const [k, t] of Object.entries(slots)) this.slots.set(k, tf.variable(t, false, freeName(k)));
    for (const sv of old) sv.dispose();
    this.iters = iterations;
  }

  dispose(): void {
    if (this.disposed) return;
    for (const sv of this.slots.values()) sv.dispose();
    this.slots.clear();
    this.disposed = true;
  }

  private slotOf(v: tf.Variable, slot: string): tf.Variable {
    const k = key(v.name, slot);
    let sv = this.slots.get(k);
    if (sv === undefined) {
      const zeros = tf.zerosLike(v);
      sv = tf.variable(zeros, false, freeName(k));
      zeros.dispose();
      this.slots.set(k, sv);
    }
    return sv;
  }

  private checkSlotShape(k: string, v: tf.Variable): void {
    const sv = this.slots.get(k);
    if (sv !== undefined && !sameShape(sv.shape, v.shape)) {
      throw new Error(
        `Optimizer.applyGradients: slot '${k}' (restored by setState) has shape [${sv.shape}] ` +
          `but variable '${v.name}' has shape [${v.shape}]`,
      );
    }
  }

  private checkAlive(method: string): void {
    if (this.disposed) throw new Error(`Optimizer.${method}: the optimizer has been disposed`);
  }
}

function key(variableName: string, slot: string): string {
  return `${variableName}/${slot}`;
}

/** `name`, or `name_1`, `name_2`, … if tfjs already has a variable of that name. */
function freeName(name: string): string {
  const registered = tf.engine().registeredVariables;
  if (registered[name] === undefined) return name;
  for (let i = 1; ; i++) if (registered[`${name}_${i}`] === undefined) return `${name}_${i}`;
}
