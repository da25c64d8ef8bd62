import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** Asserts that `actual` has `shape` (when given) and every value within `tol` of `expected`. */
export async function expectClose(actual: tf.Tensor, expected: readonly number[], tol: number, shape?: number[]): Promise<void> {
  if (shape) expect(actual.shape).toEqual(shape);
  const got = Array.from(await actual.data());
  expect(got).toHaveLength(expected.length);
  got.forEach((g, i) => {
    const e = expected[i]!;
    if (!(Math.abs(g - e) <= tol)) {
      throw new Error(`element ${i}: got ${g}, expected ${e} (|diff| ${Math.abs(g - e)} > ${tol}); all: [${got.join(', ')}]`);
    }
  });
}

/** Values of a tensor as a plain array. */
export async function values(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}
