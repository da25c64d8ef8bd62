import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { negativeSamplingLoss } from '../../src/losses/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectGradientsMatchFiniteDifferences, expectNoLeak, randomTensor, scalarValue } from './loss-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

const negLogSigmoid = (x: number) => Math.log(1 + Math.exp(-x)); // −log σ(x)

describe('negativeSamplingLoss', () => {
  it('is −log σ(u·v) − Σ_k log σ(−u_k·v), averaged over the batch', async () => {
    // Sample 0: v = (1, 0), u = (2, 1): u·v = 2; negatives (1, 1)·v = 1, (0, −1)·v = 0.
    // Sample 1: v = (0, 1), u = (1, −1): u·v = −1; negatives (3, 2)·v = 2, (1, −3)·v = −3.
    const l0 = negLogSigmoid(2) + negLogSigmoid(-1) + negLogSigmoid(-0);
    const l1 = negLogSigmoid(-1) + negLogSigmoid(-2) + negLogSigmoid(3);
    const got = negativeSamplingLoss(
      tf.tensor2d([[1, 0], [0, 1]]),
      tf.tensor2d([[2, 1], [1, -1]]),
      tf.tensor3d([[[1, 1], [0, -1]], [[3, 2], [1, -3]]]),
    );
    expect(await scalarValue(got)).toBeCloseTo((l0 + l1) / 2, 6);
  });

  it('stays finite for huge scores (softplus form)', async () => {
    const v = tf.tensor2d([[100, 0]]);
    // Perfect: u·v = 1e4, u_k·v = −1e4 → 0. Worst: u·v = −1e4, u_k·v = 1e4 → 2e4.
    const good = negativeSamplingLoss(v, tf.tensor2d([[100, 0]]), tf.tensor3d([[[-100, 0]]]));
    const bad = negativeSamplingLoss(v, tf.tensor2d([[-100, 0]]), tf.tensor3d([[[100, 0]]]));
    expect(await scalarValue(good)).toBeCloseTo(0, 6);
    expect(await scalarValue(bad)).toBeCloseTo(20000, 0);
  });

  it('has gradients w.r.t. center, context and negatives that match finite differences', async () => {
    await expectGradientsMatchFiniteDifferences(
      (c, u, n) => negativeSamplingLoss(c!, u!, n!),
      [randomTensor([2, 3], 1), randomTensor([2, 3], 2), randomTensor([2, 2, 3], 3)],
    );
  });

  it('leaks no tensor', () => {
    expectNoLeak(
      (c, u, n) => negativeSamplingLoss(c!, u!, n!),
      [randomTensor([2, 3], 4), randomTensor([2, 3], 5), randomTensor([2, 4, 3], 6)],
    );
  });

  it('rejects mismatched shapes', () => {
    const c = tf.ones([2, 3]);
    expect(() => negativeSamplingLoss(c, c, tf.ones([2, 3]))).toThrow(/negativeSamplingLoss.*negatives must have rank 3/);
    expect(() => negativeSamplingLoss(c, c, tf.ones([3, 4, 3]))).toThrow(/negatives \[3, 4, 3\] dimension 0/);
    expect(() => negativeSamplingLoss(c, c, tf.ones([2, 4, 2]))).toThrow(/negatives \[2, 4, 2\] dimension 2/);
    expect(() => negativeSamplingLoss(c, tf.ones([2, 2]), tf.ones([2, 4, 3]))).toThrow(/center \[2, 3\] and context/);
  });
});
