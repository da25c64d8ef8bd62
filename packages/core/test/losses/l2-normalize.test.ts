import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { l2Normalize } from '../../src/losses/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectGradientsMatchFiniteDifferences, expectNoLeak, randomTensor } from './loss-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('l2Normalize', () => {
  it('divides each row by its L2 norm and leaves zero vectors at zero', async () => {
    // (3, 4)/5 = (0.6, 0.8); (0, −2)/2 = (0, −1); (0, 0) stays (0, 0).
    const got = await l2Normalize(tf.tensor2d([[3, 4], [0, -2], [0, 0]])).data();
    const want = [0.6, 0.8, 0, -1, 0, 0];
    want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 6));
  });

  it('normalises along the requested axis', async () => {
    // Columns (3, 4) and (0, 1).
    const got = await l2Normalize(tf.tensor2d([[3, 0], [4, 1]]), 0).data();
    [0.6, 0, 0.8, 1].forEach((w, i) => expect(got[i]).toBeCloseTo(w, 6));
  });

  it('has finite-difference gradients, and a finite gradient at zero', async () => {
    await expectGradientsMatchFiniteDifferences(
      (x) => tf.sum(tf.mul(l2Normalize(x!), tf.tensor2d([[1, -2, 0.5], [0.3, 1, -1]]))) as tf.Scalar,
      [randomTensor([2, 3], 1)],
    );
    const g = await tf.grad((x: tf.Tensor) => tf.sum(l2Normalize(x)))(tf.zeros([1, 3])).data();
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
  });

  it('leaks no tensor', () => {
    expectNoLeak((x) => tf.tidy(() => tf.sum(l2Normalize(x!)) as tf.Scalar), [randomTensor([2, 3], 2)]);
  });
});
