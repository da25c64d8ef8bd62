import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipLoss, initialLogitScale } from '../../src/losses/index.js';
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

// Images i0 = (1, 0), i1 = (0, 1); texts t0 = (1, 0), t1 = (3, 4)/5 = (0.6, 0.8).
// Cosines: rows = images, columns = texts: [[1, 0.6], [0, 0.8]].
const IMG = [[1, 0], [0, 1]];
const TXT = [[2, 0], [3, 4]];

function byHand(s: number): number {
  const rows = (-s + logSumExp([s, 0.6 * s]) + -0.8 * s + logSumExp([0, 0.8 * s])) / 2; // image → text
  const cols = (-s + logSumExp([s, 0]) + -0.8 * s + logSumExp([0.6 * s, 0.8 * s])) / 2; // text → image
  return (rows + cols) / 2;
}

const loss = (logScale: number, opts = {}) =>
  scalarValue(clipLoss(tf.tensor2d(IMG), tf.tensor2d(TXT), tf.scalar(logScale), opts));

describe('clipLoss', () => {
  it('averages the image→text and text→image cross-entropies of scale·cosine logits', async () => {
    expect(await loss(Math.log(2))).toBeCloseTo(byHand(2), 5);
    expect(await loss(initialLogitScale())).toBeCloseTo(byHand(1 / 0.07), 4);
  });

  it('starts from log(1/0.07)', () => {
    expect(initialLogitScale()).toBeCloseTo(Math.log(1 / 0.07), 12);
    expect(initialLogitScale()).toBeCloseTo(2.659260036932778, 12);
  });

  it('clamps the scale at 100 (or maxScale)', async () => {
    expect(await loss(Math.log(1000))).toBeCloseTo(byHand(100), 3);
    expect(await loss(1e4)).toBeCloseTo(byHand(100), 3); // exp would overflow without the clamp
    expect(await loss(Math.log(50))).toBeCloseTo(byHand(50), 3); // below the clamp: unchanged
    expect(await loss(Math.log(20), { maxScale: 5 })).toBeCloseTo(byHand(5), 4);
  });

  it('gives logScale zero gradient when clamped, but keeps the embeddings’ gradient', async () => {
    // Random pairs (mismatched, so the softmax is not saturated at scale 100).
    const img = randomTensor([3, 4], 9);
    const txt = randomTensor([3, 4], 10);
    const grads = (s: number) =>
      tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => clipLoss(a, b, c))([img, txt, tf.scalar(s)]);
    const [gi, , gs] = grads(Math.log(1000));
    expect((await gs!.data())[0]).toBe(0);
    expect(Array.from(await gi!.data()).some((v) => Math.abs(v) > 1e-2)).toBe(true);
    const [, , huge] = grads(1e4);
    expect((await huge!.data())[0]).toBe(0); // 0, not NaN
    const [, , free] = grads(Math.log(2));
    expect(Math.abs((await free!.data())[0]!)).toBeGreaterThan(1e-3);
  });

  it('is symmetric: swapping images and texts gives the same loss', async () => {
    const a = randomTensor([3, 4], 1);
    const b = randomTensor([3, 4], 2);
    const s = tf.scalar(1.5);
    expect(await scalarValue(clipLoss(b, a, s))).toBeCloseTo(await scalarValue(clipLoss(a, b, s)), 5);
  });

  it('has gradients w.r.t. both embeddings and logScale that match finite differences', async () => {
    await expectGradientsMatchFiniteDifferences(
      (a, b, s) => clipLoss(a!, b!, s!),
      [randomTensor([3, 3], 3), randomTensor([3, 3], 4), tf.scalar(1)],
    );
  });

  it('trains a logit-scale variable through tf.variableGrads', async () => {
    const logScale = tf.variable(tf.scalar(initialLogitScale()));
    const img = randomTensor([3, 4], 5);
    const txt = randomTensor([3, 4], 6);
    const { value, grads } = tf.variableGrads(() => clipLoss(img, txt, logScale), [logScale]);
    expect(Number.isFinite(await scalarValue(value))).toBe(true);
    expect(Math.abs((await grads[logScale.name]!.data())[0]!)).toBeGreaterThan(0);
    tf.dispose(grads);
    logScale.dispose();
  });

  it('leaks no tensor', () => {
    expectNoLeak((a, b, s) => clipLoss(a!, b!, s!), [randomTensor([3, 2], 7), randomTensor([3, 2], 8), tf.scalar(2)]);
  });

  it('rejects bad shapes', () => {
    const x = tf.ones([2, 3]);
    expect(() => clipLoss(x, tf.ones([3, 3]), tf.scalar(1))).toThrow(/clipLoss.*imageEmbeds \[2, 3\] and textEmbeds/);
    expect(() => clipLoss(x, x, tf.ones([2]))).toThrow(/logScale must be a scalar/);
  });
});
