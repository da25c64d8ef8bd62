import type * as tf from '@tensorflow/tfjs';

/**
 * Argument checks shared by the losses. Shapes are known synchronously, so every loss validates
 * them up front and throws an error that names the loss, the argument and the problem.
 * (Values are not checked: that would need a device read, which a synchronous loss cannot do.)
 */

/** Throws unless `t` has rank `rank`; `layout` (e.g. `'[B, D]'`) is quoted in the message. */
export function requireRank(where: string, name: string, t: tf.Tensor, rank: number, layout: string): void {
  if (t.rank !== rank) {
    throw new Error(`${where}: ${name} must have rank ${rank} ${layout}, got shape [${t.shape.join(', ')}]`);
  }
}

/** Throws unless `a` and `b` have identical shapes. */
export function requireSameShape(where: string, nameA: string, a: tf.Tensor, nameB: string, b: tf.Tensor): void {
  if (a.rank !== b.rank || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(
      `${where}: ${nameA} [${a.shape.join(', ')}] and ${nameB} [${b.shape.join(', ')}] must have the same shape`,
    );
  }
}

/** Throws unless `a.shape[axisA] === b.shape[axisB]`. */
export function requireSameDim(
  where: string,
  nameA: string,
  a: tf.Tensor,
  axisA: number,
  nameB: string,
  b: tf.Tensor,
  axisB: number,
): void {
  if (a.shape[axisA] !== b.shape[axisB]) {
    throw new Error(
      `${where}: ${nameA} [${a.shape.join(', ')}] dimension ${axisA} must equal ` +
        `${nameB} [${b.shape.join(', ')}] dimension ${axisB}`,
    );
  }
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(where: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new Error(`${where}: ${name} must be a finite number > 0, got ${value}`);
  }
}

/** Throws unless `t` is a floating-point tensor (losses differentiate through their inputs). */
export function requireFloat(where: string, name: string, t: tf.Tensor): void {
  if (t.dtype !== 'float32') {
    throw new Error(`${where}: ${name} must be float32, got ${t.dtype}`);
  }
}
