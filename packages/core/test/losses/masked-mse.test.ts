import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskedMseLoss } from '../../src/losses/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectGradientsMatchFiniteDifferences, expectNoLeak, randomTensor, scalarValue } from './loss-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

// One image, three patches of two values.
const PRED = [[[1, 2], [3, 4], [0, 0]]];
const TARGET = [[[1, 0], [1, 1], [5, 5]]];

describe('maskedMseLoss', () => {
  it('averages the per-patch MSE over masked patches only', async () => {
    // patch 0: ((1−1)² + (2−0)²)/2 = 2; patch 1: ((3−1)² + (4−1)²)/2 = 6.5; patch 2 is visible.
    const got = maskedMseLoss(tf.tensor3d(PRED), tf.tensor3d(TARGET), tf.tensor2d([[1, 1, 0]]));
    expect(await scalarValue(got)).toBeCloseTo((2 + 6.5) / 2, 6);
  });

  it('pools masked patches across the batch (not a mean of per-image means)', async () => {
    // image 0 masks patch 0 (error 2); image 1 masks patches 1 and 2 (errors 6.5 and 25).
    const pred = tf.tensor3d([...PRED, ...PRED]);
    const target = tf.tensor3d([...TARGET, ...TARGET]);
    const mask = tf.tensor2d([[1, 0, 0], [0, 1, 1]], undefined, 'int32');
    expect(await scalarValue(maskedMseLoss(pred, target, mask))).toBeCloseTo((2 + 6.5 + 25) / 3, 5);
  });

  it('normalises each target patch by its mean and unbiased variance', async () => {
    // target (1, 0): mean 0.5, var ((0.5)² + (0.5)²)/(2 − 1) = 0.5 → (±0.5)/√(0.5 + 1e-6).
    // target (1, 1): mean 1, var 0 → (0, 0)/√(1e-6) = (0, 0).
    const s = 0.5 / Math.sqrt(0.5 + 1e-6);
    const e0 = ((1 - s) ** 2 + (2 + s) ** 2) / 2;
    const e1 = (3 ** 2 + 4 ** 2) / 2;
    const got = maskedMseLoss(tf.tensor3d(PRED), tf.tensor3d(TARGET), tf.tensor2d([[1, 1, 0]]), {
      normalizeTarget: true,
    });
    expect(await scalarValue(got)).toBeCloseTo((e0 + e1) / 2, 4);
  });

  it('is 0, not NaN, when nothing is masked, and weights fractional masks', async () => {
    const none = maskedMseLoss(tf.tensor3d(PRED), tf.tensor3d(TARGET), tf.zeros([1, 3]));
    expect(await scalarValue(none)).toBe(0);
    const weighted = maskedMseLoss(tf.tensor3d(PRED), tf.tensor3d(TARGET), tf.tensor2d([[0.5, 0, 1]]));
    expect(await scalarValue(weighted)).toBeCloseTo((0.5 * 2 + 1 * 25) / 1.5, 5);
  });

  it('has gradients w.r.t. pred that match finite differences', async () => {
    const target = randomTensor([2, 3, 4], 2);
    const mask = tf.tensor2d([[1, 0, 1], [0, 1, 1]]);
    await expectGradientsMatchFiniteDifferences(
      (p) => maskedMseLoss(p!, target, mask, { normalizeTarget: true }),
      [randomTensor([2, 3, 4], 1)],
    );
  });

  it('leaks no tensor', () => {
    const mask = tf.tensor2d([[1, 0, 1]]);
    expectNoLeak(
      (p, t) => maskedMseLoss(p!, t!, mask, { normalizeTarget: true }),
      [randomTensor([1, 3, 2], 3), randomTensor([1, 3, 2], 4)],
    );
    mask.dispose();
  });

  it('rejects bad shapes', () => {
    const x = tf.ones([2, 3, 4]);
    expect(() => maskedMseLoss(x, tf.ones([2, 3, 5]), tf.ones([2, 3]))).toThrow(/maskedMseLoss.*pred \[2, 3, 4\]/);
    expect(() => maskedMseLoss(x, x, tf.ones([2, 4]))).toThrow(/mask \[2, 4\] must be \[B, N\] = \[2, 3\]/);
    expect(() => maskedMseLoss(tf.ones([2, 3, 1]), tf.ones([2, 3, 1]), tf.ones([2, 3]), { normalizeTarget: true })).toThrow(
      /at least 2 values per patch/,
    );
  });
});
