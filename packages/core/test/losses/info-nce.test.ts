import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { infoNceLoss } from '../../src/losses/index.js';
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

// Raw dot products (normalize: false), τ = 0.5.
// q0 = (1, 2), q1 = (0, 1); k0 = (1, 0), k1 = (1, 1).
// q0·k0 = 1 (positive), q0·k1 = 3; q1·k0 = 0, q1·k1 = 1 (positive).
const Q = [[1, 2], [0, 1]];
const K = [[1, 0], [1, 1]];
const T = 0.5;
const raw = { normalize: false, temperature: T } as const;
// Shared negatives n0 = (0, 1), n1 = (1, −1), n2 = (2, 0): q0·n = [2, −1, 2], q1·n = [1, −1, 0].
const SHARED = [[0, 1], [1, -1], [2, 0]];
// Per-query negatives: q0·[(1, 1), (0, −1)] = [3, −2]; q1·[(2, 2), (1, 0)] = [2, 0].
const PER_QUERY = [[[1, 1], [0, -1]], [[2, 2], [1, 0]]];

const rowLoss = (pos: number, candidates: number[]): number => -pos / T + logSumExp(candidates.map((c) => c / T));

describe('infoNceLoss', () => {
  it('uses in-batch negatives by default (B-way classification)', async () => {
    const want = (rowLoss(1, [1, 3]) + rowLoss(1, [0, 1])) / 2;
    expect(await scalarValue(infoNceLoss(tf.tensor2d(Q), tf.tensor2d(K), raw))).toBeCloseTo(want, 5);
  });

  it('uses only explicit shared negatives [N, D] when given', async () => {
    const want = (rowLoss(1, [1, 2, -1, 2]) + rowLoss(1, [1, 1, -1, 0])) / 2;
    const got = infoNceLoss(tf.tensor2d(Q), tf.tensor2d(K), { ...raw, negatives: tf.tensor2d(SHARED) });
    expect(await scalarValue(got)).toBeCloseTo(want, 5);
  });

  it('combines in-batch and explicit negatives when both are on', async () => {
    const want = (rowLoss(1, [1, 3, 2, -1, 2]) + rowLoss(1, [0, 1, 1, -1, 0])) / 2;
    const opts = { ...raw, negatives: tf.tensor2d(SHARED), inBatchNegatives: true };
    expect(await scalarValue(infoNceLoss(tf.tensor2d(Q), tf.tensor2d(K), opts))).toBeCloseTo(want, 5);
  });

  it('takes per-query negatives [B, N, D] (CPC / wav2vec 2.0 distractors)', async () => {
    const want = (rowLoss(1, [1, 3, -2]) + rowLoss(1, [1, 2, 0])) / 2;
    const got = infoNceLoss(tf.tensor2d(Q), tf.tensor2d(K), { ...raw, negatives: tf.tensor3d(PER_QUERY) });
    expect(await scalarValue(got)).toBeCloseTo(want, 5);
  });

  it('drops masked negatives ([B, N] and [N] masks)', async () => {
    const perQuery = infoNceLoss(tf.tensor2d(Q), tf.tensor2d(K), {
      ...raw,
      negatives: tf.tensor3d(PER_QUERY),
      negativeMask: tf.tensor2d([[1, 0], [0, 1]]),
    });
    expect(await scalarValue(perQuery)).toBeCloseTo((rowLoss(1, [1, 3]) + rowLoss(1, [1, 0])) / 2, 5);
    const shared = infoNceLoss(tf.tensor2d(Q), tf.tensor2d(K), {
      ...raw,
      negatives: tf.tensor2d(SHARED),
      negativeMask: tf.tensor1d([true, false, true], 'bool'),
    });
    expect(await scalarValue(shared)).toBeCloseTo((rowLoss(1, [1, 2, 2]) + rowLoss(1, [1, 1, 0])) / 2, 5);
  });

  it('normalises by default and divides cosines by the temperature (default 0.1)', async () => {
    // q = (1, 0), (0, 1); k = (3, 4)/5, (0, 2)/2 → cos: q0·k0 = 0.6, q0·k1 = 0, q1·k0 = 0.8, q1·k1 = 1.
    const q = tf.tensor2d([[1, 0], [0, 1]]);
    const k = tf.tensor2d([[3, 4], [0, 2]]);
    const want = (t: number) => (-0.6 / t + logSumExp([0.6 / t, 0]) + -1 / t + logSumExp([0.8 / t, 1 / t])) / 2;
    expect(await scalarValue(infoNceLoss(q, k))).toBeCloseTo(want(0.1), 4);
    expect(await scalarValue(infoNceLoss(q, k, { temperature: 1 }))).toBeCloseTo(want(1), 5);
    expect(await scalarValue(infoNceLoss(tf.mul(q, 5), tf.mul(k, 0.2)))).toBeCloseTo(want(0.1), 4);
  });

  it('matches a float64 reference on larger per-query shapes', async () => {
    const [b, n, d] = [3, 4, 5];
    const q = randomTensor([b, d], 11);
    const k = randomTensor([b, d], 12);
    const negs = randomTensor([b, n, d], 13);
    const [qv, kv, nv] = await Promise.all([q.data(), k.data(), negs.data()]);
    const dot = (x: ArrayLike<number>, xo: number, y: ArrayLike<number>, yo: number) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[xo + j]! * y[yo + j]!;
      return s;
    };
    let want = 0;
    for (let i = 0; i < b; i++) {
      const pos = dot(qv, i * d, kv, i * d) / 0.7;
      const cands = [pos];
      for (let m = 0; m < n; m++) cands.push(dot(qv, i * d, nv, (i * n + m) * d) / 0.7);
      want += (-pos + logSumExp(cands)) / b;
    }
    const got = infoNceLoss(q, k, { negatives: negs, normalize: false, temperature: 0.7 });
    expect(await scalarValue(got)).toBeCloseTo(want, 4);
  });

  it('has gradients w.r.t. query, key and negatives that match finite differences', async () => {
    await expectGradientsMatchFiniteDifferences(
      (q, k, n) => infoNceLoss(q!, k!, { negatives: n!, inBatchNegatives: true, temperature: 0.5 }),
      [randomTensor([2, 3], 21), randomTensor([2, 3], 22), randomTensor([2, 2, 3], 23)],
    );
  });

  it('leaks no tensor', () => {
    const mask = tf.tensor2d([[1, 0, 1], [1, 1, 0]]);
    expectNoLeak(
      (q, k, n) => infoNceLoss(q!, k!, { negatives: n!, negativeMask: mask, inBatchNegatives: true }),
      [randomTensor([2, 4], 31), randomTensor([2, 4], 32), randomTensor([2, 3, 4], 33)],
    );
    mask.dispose();
  });

  it('rejects configurations and shapes that cannot work', () => {
    const q = tf.ones([2, 3]);
    expect(() => infoNceLoss(q, q, { inBatchNegatives: false })).toThrow(/infoNceLoss.*no negatives/);
    expect(() => infoNceLoss(q, tf.ones([2, 4]))).toThrow(/query \[2, 3\] and positiveKey \[2, 4\]/);
    expect(() => infoNceLoss(q, q, { negatives: tf.ones([4, 2]) })).toThrow(/negatives \[4, 2\] dimension 1/);
    expect(() => infoNceLoss(q, q, { negatives: tf.ones([3, 4, 3]) })).toThrow(/negatives \[3, 4, 3\] dimension 0/);
    expect(() => infoNceLoss(q, q, { negatives: tf.ones([1, 2, 4, 3]) })).toThrow(/\[N, D\] \(shared\) or \[B, N, D\]/);
    expect(() => infoNceLoss(q, q, { negatives: tf.ones([4, 3]), negativeMask: tf.ones([2, 3]) })).toThrow(
      /negativeMask must be \[2, 4\] or \[4\]/,
    );
    expect(() => infoNceLoss(q, q, { negativeMask: tf.ones([2, 2]) })).toThrow(/negativeMask needs options.negatives/);
  });
});
