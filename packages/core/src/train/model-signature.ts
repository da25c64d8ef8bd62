import type * as tf from '@tensorflow/tfjs';

/** Name, shape and dtype of one variable, as recorded in a checkpoint. */
export interface VariableSignature {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

/**
 * The structure of a model: its trainable and state variables, in the order the objective lists
 * them. Two objectives with equal signatures can exchange checkpoints.
 */
export interface ModelSignature {
  readonly trainable: readonly VariableSignature[];
  readonly state: readonly VariableSignature[];
}

/** The signature of a set of variables. */
export function modelSignature(trainable: readonly tf.Variable[], state: readonly tf.Variable[]): ModelSignature {
  const sig = (v: tf.Variable): VariableSignature => ({ name: v.name, shape: [...v.shape], dtype: v.dtype });
  return { trainable: trainable.map(sig), state: state.map(sig) };
}

/**
 * A variable name without the counters TensorFlow.js adds to make names unique in a process
 * (`dense_Dense3/kernel_1` → `dense_Dense/kernel`), so that a model built twice, or in another
 * process, matches its own checkpoints.
 */
export function canonicalVariableName(name: string): string {
  return name
    .split('/')
    .map((part) => part.replace(/(_\d+)+$/, '').replace(/\d+$/, ''))
    .join('/');
}

/**
 * Compares the signature saved in a checkpoint with the model's. Variables are matched by position;
 * each pair must agree on shape, dtype and canonical name. Returns the first difference, in words,
 * or `undefined` when they match.
 */
export function signatureMismatch(saved: ModelSignature, current: ModelSignature): string | undefined {
  for (const role of ['trainable', 'state'] as const) {
    const a = saved[role];
    const b = current[role];
    if (a.length !== b.length) {
      return `the checkpoint has ${a.length} ${role} variables, this model has ${b.length}`;
    }
    for (let i = 0; i < a.length; i++) {
      const s = a[i]!;
      const c = b[i]!;
      const which = `${role} variable ${i} ('${c.name}' here, '${s.name}' in the checkpoint)`;
      if (canonicalVariableName(s.name) !== canonicalVariableName(c.name)) {
        return `${role} variable ${i} is '${s.name}' in the checkpoint but '${c.name}' in this model`;
      }
      if (s.shape.length !== c.shape.length || s.shape.some((d, k) => d !== c.shape[k])) {
        return `${which} has shape [${s.shape.join(', ')}] in the checkpoint, [${c.shape.join(', ')}] here`;
      }
      if (s.dtype !== c.dtype) return `${which} has dtype ${s.dtype} in the checkpoint, ${c.dtype} here`;
    }
  }
  return undefined;
}
