import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, globalNorm } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectClose } from './expect-close.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('globalNorm / clipByGlobalNorm', () => {
  it('computes the global norm √(Σ‖g‖²)', async () => {
    const grads = { a: tf.tensor2d([3, 0, 0, 4], [2, 2]), b: tf.tensor1d([12]) };
    const n = globalNorm(grads);
    expect(n.shape).toEqual([]);
    await expectClose(n, [13], 1e-5);
    const empty = globalNorm({});
    await expectClose(empty, [0], 0);
    tf.dispose([grads, n, empty]);
  });

  it('scales by maxNorm/norm above the norm (hand-computed)', async () => {
    const grads = { a: tf.tensor2d([3, 0, 0, 4], [2, 2]), b: tf.tensor1d([12]) };
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 6.5);
    await expectClose(norm, [13], 1e-5);
    await expectClose(clipped.a!, [1.5, 0, 0, 2], 1e-6, [2, 2]);
    await expectClose(clipped.b!, [6], 1e-6, [1]);
    const after = globalNorm(clipped);
    await expectClose(after, [6.5], 1e-5);
    expect(Object.keys(clipped).sort()).toEqual(['a', 'b']);
    expect(grads.a.isDisposed).toBe(false);
    tf.dispose([grads, clipped, norm, after]);
  });

  it('is a no-op below the norm, returning new tensors', async () => {
    const grads = { a: tf.tensor1d([0.3, -0.4]) };
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
    await expectClose(norm, [0.5], 1e-7);
    expect(clipped.a).not.toBe(grads.a);
    expect(Array.from(await clipped.a!.data())).toEqual(Array.from(await grads.a.data()));
    tf.dispose(clipped);
    expect(grads.a.isDisposed).toBe(false);
    tf.dispose([grads, norm]);
  });

  it('rejects a bad maxNorm', () => {
    expect(() => clipByGlobalNorm({}, 0)).toThrow('clipByGlobalNorm: maxNorm must be a finite number > 0, got 0');
    expect(() => clipByGlobalNorm({}, Infinity)).toThrow(/maxNorm must be a finite number > 0/);
  });
});
