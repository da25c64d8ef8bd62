import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { byolLoss, byolSymmetricLoss } from '../../src/losses/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectGradientsMatchFiniteDifferences, expectNoLeak, randomTensor, scalarValue } from './loss-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('byolLoss', () => {
  it('is the batch mean of 2 − 2·cos(p, z)', async () => {
    // cos((1,0),(0,1)) = 0 → 2; cos((1,1),(2,2)) = 1 → 0; cos((3,4),(1,0)) = 3/5 → 2 − 1.2 = 0.8.
    const p = tf.tensor2d([[1, 0], [1, 1], [3, 4]]);
    const z = tf.tensor2d([[0, 1], [2, 2], [1, 0]]);
    expect(await scalarValue(byolLoss(p, z))).toBeCloseTo((2 + 0 + 0.8) / 3, 6);
  });

  it('ranges from 0 (aligned) to 4 (opposite) and ignores norms', async () => {
    const z = tf.tensor2d([[1, -2, 2]]);
    expect(await scalarValue(byolLoss(tf.mul(z, 10), z))).toBeCloseTo(0, 6);
    expect(await scalarValue(byolLoss(tf.mul(z, -0.5), z))).toBeCloseTo(4, 6);
  });

  it('symmetrises as ℓ(p1, z2) + ℓ(p2, z1)', async () => {
    // ℓ((1,0), (−1,0)) = 2 − 2·(−1) = 4; ℓ((0,1), (1,1)) = 2 − 2/√2 = 2 − √2.
    const got = byolSymmetricLoss(
      tf.tensor2d([[1, 0]]),
      tf.tensor2d([[0, 1]]),
      tf.tensor2d([[1, 1]]),
      tf.tensor2d([[-1, 0]]),
    );
    expect(await scalarValue(got)).toBeCloseTo(4 + 2 - Math.SQRT2, 5);
  });

  it('stops the gradient into the target by default', async () => {
    const p = randomTensor([3, 4], 1);
    const z = randomTensor([3, 4], 2);
    const [gp, gz] = tf.grads((a: tf.Tensor, b: tf.Tensor) => byolLoss(a, b))([p, z]);
    expect(Array.from(await gz!.data()).every((v) => v === 0)).toBe(true);
    expect(Array.from(await gp!.data()).some((v) => Math.abs(v) > 1e-3)).toBe(true);
    await expectGradientsMatchFiniteDifferences((a) => byolLoss(a!, z), [p]);
  });

  it('passes gradients into the target when stopTargetGradient is off', async () => {
    await expectGradientsMatchFiniteDifferences(
      (a, b) => byolLoss(a!, b!, { stopTargetGradient: false }),
      [randomTensor([3, 4], 3), randomTensor([3, 4], 4)],
    );
  });

  it('leaks no tensor', () => {
    expectNoLeak((a, b) => byolLoss(a!, b!), [randomTensor([2, 3], 5), randomTensor([2, 3], 6)]);
    expectNoLeak(
      (a, b, c, d) => byolSymmetricLoss(a!, b!, c!, d!),
      [randomTensor([2, 3], 7), randomTensor([2, 3], 8), randomTensor([2, 3], 9), randomTensor([2, 3], 10)],
    );
  });

  it('rejects mismatched shapes', () => {
    expect(() => byolLoss(tf.ones([2, 3]), tf.ones([3, 3]))).toThrow(/byolLoss.*p \[2, 3\] and z \[3, 3\]/);
    expect(() => byolLoss(tf.ones([2, 3, 1]), tf.ones([2, 3, 1]))).toThrow(/p must have rank 2/);
  });
});
