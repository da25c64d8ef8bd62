import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenCrossEntropyLoss } from '../../src/losses/index.js';
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

// Two tokens over V = 3 classes: logits (1, 2, 3) with label 2, logits (1, 1, 1) with label 0.
const LOGITS = [[1, 2, 3], [1, 1, 1]];
const NLL0 = -3 + logSumExp([1, 2, 3]); // −log p[2]
const NLL1 = Math.log(3); // uniform: −log(1/3)
const labels = (v: number[]) => tf.tensor1d(v, 'int32');

describe('tokenCrossEntropyLoss', () => {
  it('is the mean negative log-likelihood of the labels', async () => {
    const got = tokenCrossEntropyLoss(tf.tensor2d(LOGITS), labels([2, 0]));
    expect(await scalarValue(got)).toBeCloseTo((NLL0 + NLL1) / 2, 6);
  });

  it('excludes ignored tokens from the sum and the count (default −100, or a chosen index)', async () => {
    expect(await scalarValue(tokenCrossEntropyLoss(tf.tensor2d(LOGITS), labels([2, -100])))).toBeCloseTo(NLL0, 6);
    const custom = tokenCrossEntropyLoss(tf.tensor2d(LOGITS), labels([2, 0]), { ignoreIndex: 0 });
    expect(await scalarValue(custom)).toBeCloseTo(NLL0, 6);
    expect(await scalarValue(tokenCrossEntropyLoss(tf.tensor2d(LOGITS), labels([-100, -100])))).toBe(0);
  });

  it('applies label smoothing as (1 − ε)·NLL + ε·mean over classes of −log p', async () => {
    // Row 0: mean_c −log p[c] = LSE(1, 2, 3) − mean(1, 2, 3) = LSE − 2. Row 1: every −log p[c] = log 3.
    const eps = 0.1;
    const smooth0 = logSumExp([1, 2, 3]) - 2;
    const row0 = (1 - eps) * NLL0 + eps * smooth0;
    const row1 = (1 - eps) * NLL1 + eps * Math.log(3);
    const got = tokenCrossEntropyLoss(tf.tensor2d(LOGITS), labels([2, 0]), { labelSmoothing: eps });
    expect(await scalarValue(got)).toBeCloseTo((row0 + row1) / 2, 6);
    const ignored = tokenCrossEntropyLoss(tf.tensor2d(LOGITS), labels([2, -100]), { labelSmoothing: eps });
    expect(await scalarValue(ignored)).toBeCloseTo(row0, 6);
  });

  it('accepts [B, T, V] logits with [B, T] labels', async () => {
    const logits = tf.tensor3d([[[1, 2, 3], [0, 0, 5]], [[1, 1, 1], [2, 0, 0]]]);
    const y = tf.tensor2d([[2, -100], [0, 1]], undefined, 'int32');
    const nll3 = -0 + logSumExp([2, 0, 0]); // −log p[1] for logits (2, 0, 0)
    expect(await scalarValue(tokenCrossEntropyLoss(logits, y))).toBeCloseTo((NLL0 + NLL1 + nll3) / 3, 5);
  });

  it('stays finite for extreme logits (log-softmax, not log of softmax)', async () => {
    const got = tokenCrossEntropyLoss(tf.tensor2d([[1000, -1000, 0]]), labels([1]));
    expect(await scalarValue(got)).toBeCloseTo(2000, 1);
  });

  it('has gradients that match finite differences, and none for ignored tokens', async () => {
    const y = labels([1, -100, 0]);
    const logits = randomTensor([3, 4], 1);
    await expectGradientsMatchFiniteDifferences(
      (l) => tokenCrossEntropyLoss(l!, y, { labelSmoothing: 0.2 }),
      [logits],
    );
    const g = tf.grad((l: tf.Tensor) => tokenCrossEntropyLoss(l, y))(logits);
    const ignoredRow = Array.from((await g.data()).slice(4, 8));
    expect(ignoredRow.every((v) => v === 0)).toBe(true);
  });

  it('leaks no tensor', () => {
    const y = tf.tensor2d([[1, -100], [0, 2]], undefined, 'int32');
    expectNoLeak((l) => tokenCrossEntropyLoss(l!, y, { labelSmoothing: 0.1 }), [randomTensor([2, 2, 3], 2)]);
    y.dispose();
  });

  it('rejects bad labels and options', () => {
    const l = tf.ones([2, 3]);
    expect(() => tokenCrossEntropyLoss(l, tf.tensor1d([1, 2]))).toThrow(/tokenCrossEntropyLoss.*labels must be int32/);
    expect(() => tokenCrossEntropyLoss(l, labels([1, 2, 0]))).toThrow(/labels \[3\] must match .* \[2\]/);
    expect(() => tokenCrossEntropyLoss(tf.ones([3]), labels([1]))).toThrow(/logits must be \[B, T, V\] or \[N, V\]/);
    expect(() => tokenCrossEntropyLoss(l, labels([1, 2]), { labelSmoothing: 1 })).toThrow(/labelSmoothing must be in \[0, 1\)/);
  });
});
