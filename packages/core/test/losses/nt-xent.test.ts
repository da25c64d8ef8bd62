import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ntXentLoss } from '../../src/losses/index.js';
import { useTestBackend } from '../helpers/backend.js';
import {
  expectGradientsMatchFiniteDifferences,
  expectNoLeak,
  logSumExp,
  randomTensor,
  scalarValue,
} from './loss-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

// Two samples, two dims. After L2-normalisation: a1 = (1, 0), a2 = (0, 1), b1 = (3, 4)/5 =
// (0.6, 0.8), b2 = (0, 1). Cosines: a1·a2 = 0, a1·b1 = 0.6, a1·b2 = 0, a2·b1 = 0.8, a2·b2 = 1,
// b1·b2 = 0.8.
const Z1 = [[1, 0], [0, 1]];
const Z2 = [[3, 4], [0, 2]];

function byHand(t: number): number {
  // Row: −positive/τ + log Σ over the 3 non-self entries (positive + 2 negatives).
  const a1 = -0.6 / t + logSumExp([0.6 / t, 0 / t, 0 / t]); // pos b1; negs a2, b2
  const a2 = -1 / t + logSumExp([1 / t, 0 / t, 0.8 / t]); // pos b2; negs a1, b1
  const b1 = -0.6 / t + logSumExp([0.6 / t, 0.8 / t, 0.8 / t]); // pos a1; negs a2, b2
  const b2 = -1 / t + logSumExp([1 / t, 0 / t, 0.8 / t]); // pos a2; negs a1, b1
  return (a1 + a2 + b1 + b2) / 4;
}

describe('ntXentLoss', () => {
  it('matches the hand-computed value at the default temperature 0.5', async () => {
    const got = await scalarValue(ntXentLoss(tf.tensor2d(Z1), tf.tensor2d(Z2)));
    expect(got).toBeCloseTo(byHand(0.5), 5);
  });

  it('scales the similarities by 1/temperature', async () => {
    for (const t of [0.1, 1, 2]) {
      const got = await scalarValue(ntXentLoss(tf.tensor2d(Z1), tf.tensor2d(Z2), { temperature: t }));
      expect(got).toBeCloseTo(byHand(t), 4);
    }
    expect(byHand(0.1)).not.toBeCloseTo(byHand(1), 2);
  });

  it('is log(2B − 1) when all embeddings coincide (every logit equal)', async () => {
    const z = tf.ones([3, 4]);
    expect(await scalarValue(ntXentLoss(z, z))).toBeCloseTo(Math.log(5), 5);
  });

  it('is symmetric in the two views and invariant to scale and batch order', async () => {
    const z1 = randomTensor([4, 3], 1);
    const z2 = randomTensor([4, 3], 2);
    const base = await scalarValue(ntXentLoss(z1, z2));
    expect(await scalarValue(ntXentLoss(z2, z1))).toBeCloseTo(base, 5);
    expect(await scalarValue(ntXentLoss(tf.mul(z1, 7), tf.mul(z2, 0.1)))).toBeCloseTo(base, 5);
    const perm = tf.tensor1d([2, 0, 3, 1], 'int32');
    expect(await scalarValue(ntXentLoss(tf.gather(z1, perm), tf.gather(z2, perm)))).toBeCloseTo(base, 5);
    // Pairing matters: shuffling only one view changes the loss.
    expect(await scalarValue(ntXentLoss(tf.gather(z1, perm), z2))).not.toBeCloseTo(base, 2);
  });

  it('is 0 with a single pair (no negatives)', async () => {
    expect(await scalarValue(ntXentLoss(tf.tensor2d([[1, 2]]), tf.tensor2d([[3, -1]])))).toBeCloseTo(0, 6);
  });

  it('has gradients that match finite differences', async () => {
    await expectGradientsMatchFiniteDifferences(
      (a, b) => ntXentLoss(a!, b!, { temperature: 0.5 }),
      [randomTensor([3, 3], 3), randomTensor([3, 3], 4)],
    );
  });

  it('leaks no tensor', () => {
    expectNoLeak((a, b) => ntXentLoss(a!, b!), [randomTensor([3, 4], 5), randomTensor([3, 4], 6)]);
  });

  it('rejects bad shapes and temperatures with a clear error', () => {
    const z = tf.ones([2, 3]);
    expect(() => ntXentLoss(z, tf.ones([2, 4]))).toThrow(/ntXentLoss.*z1 \[2, 3\] and z2 \[2, 4\]/);
    expect(() => ntXentLoss(tf.ones([3]), tf.ones([3]))).toThrow(/z1 must have rank 2/);
    expect(() => ntXentLoss(z, z, { temperature: 0 })).toThrow(/temperature must be a finite number > 0/);
  });
});
