import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GradientAccumulator } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectClose } from './expect-close.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('GradientAccumulator', () => {
  it('gives the mean of 3 adds without taking ownership', async () => {
    const acc = new GradientAccumulator();
    const adds = [
      { w: tf.tensor2d([1, 2, 3, 4], [2, 2]), b: tf.tensor1d([1]) },
      { w: tf.tensor2d([2, 0, -3, 1], [2, 2]), b: tf.tensor1d([2]) },
      { w: tf.tensor2d([0, 1, 3, 1], [2, 2]), b: tf.tensor1d([6]) },
    ];
    for (const g of adds) acc.add(g);
    expect(acc.count).toBe(3);
    expect(adds.every((g) => !g.w.isDisposed && !g.b.isDisposed)).toBe(true);
    const m = acc.mean();
    await expectClose(m.w!, [1, 1, 1, 2], 1e-6, [2, 2]);
    await expectClose(m.b!, [3], 1e-6, [1]);
    tf.dispose(m);
    // The input tensors are unchanged and the sums did not alias them.
    await expectClose(adds[0]!.w, [1, 2, 3, 4], 0);
    acc.reset();
    expect(acc.count).toBe(0);
    expect(() => acc.mean()).toThrow('GradientAccumulator.mean: nothing was added since the last reset');
    acc.add(adds[1]!);
    const single = acc.mean();
    await expectClose(single.w!, [2, 0, -3, 1], 0);
    tf.dispose(single);
    acc.dispose();
    tf.dispose(adds);
  });

  it('keeps its sums through an enclosing tidy, and counts a missing key as zero', async () => {
    const acc = new GradientAccumulator();
    tf.tidy(() => acc.add({ a: tf.tensor1d([3, 6]), b: tf.tensor1d([1]) }));
    tf.tidy(() => acc.add({ a: tf.tensor1d([3, 0]) }));
    const m = acc.mean();
    await expectClose(m.a!, [3, 3], 1e-6);
    await expectClose(m.b!, [0.5], 1e-6);
    tf.dispose(m);
    acc.dispose();
  });

  it('rejects a gradient whose shape changed', () => {
    const acc = new GradientAccumulator();
    const a = tf.zeros([2]);
    const b = tf.zeros([3]);
    acc.add({ g: a });
    expect(() => acc.add({ g: b })).toThrow("GradientAccumulator.add: gradient 'g' has shape [3], earlier ones [2]");
    expect(acc.count).toBe(1);
    acc.dispose();
    tf.dispose([a, b]);
  });
});
