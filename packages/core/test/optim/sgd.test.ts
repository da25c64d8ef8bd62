import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectClose } from './expect-close.js';

beforeAll(async () => {
  await useTestBackend();
});

/** PyTorch's SGD on plain arrays: d = g + wd·w; b = μ·b + d; w −= lr·(nesterov ? d + μ·b : b). */
function torchSgd(w: number[], grads: number[][], o: { lr: number; mu: number; wd: number; nesterov: boolean }): number[] {
  let buf = w.map(() => 0);
  let cur = [...w];
  for (const g of grads) {
    const d = g.map((gi, i) => gi + o.wd * cur[i]!);
    buf = d.map((di, i) => o.mu * buf[i]! + di);
    cur = cur.map((wi, i) => wi - o.lr * (o.nesterov ? d[i]! + o.mu * buf[i]! : buf[i]!));
  }
  return cur;
}

describe('sgd', () => {
  const g1 = [1, -2, 0.5, 0];
  const g2 = [0.5, 1, -1, 2];

  it('momentum: two hand-computed steps (PyTorch formulas)', async () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]), true, 'sgd-m');
    const opt = createOptimizer({ type: 'sgd', momentum: 0.9 });
    opt.applyGradients([w], { 'sgd-m': tf.tensor2d(g1, [2, 2]) }, 0.1);
    // b = g1, w = w − 0.1·g1
    await expectClose(w, [0.9, 2.2, 2.95, 4], 1e-6);
    opt.applyGradients([w], { 'sgd-m': tf.tensor2d(g2, [2, 2]) }, 0.1);
    // b = 0.9·g1 + g2 = [1.4, −0.8, −0.55, 2]
    await expectClose(w, [0.76, 2.28, 3.005, 3.8], 1e-6);
    await expectClose(w, torchSgd([1, 2, 3, 4], [g1, g2], { lr: 0.1, mu: 0.9, wd: 0, nesterov: false }), 1e-6);
    opt.dispose();
    tf.dispose(w);
  });

  it('nesterov: two hand-computed steps (PyTorch formulas)', async () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]), true, 'sgd-n');
    const opt = createOptimizer({ type: 'sgd', momentum: 0.9, nesterov: true });
    opt.applyGradients([w], { 'sgd-n': tf.tensor2d(g1, [2, 2]) }, 0.1);
    // b = g1; step g1 + 0.9·b = 1.9·g1
    await expectClose(w, [0.81, 2.38, 2.905, 4], 1e-6);
    opt.applyGradients([w], { 'sgd-n': tf.tensor2d(g2, [2, 2]) }, 0.1);
    // b = [1.4, −0.8, −0.55, 2]; step g2 + 0.9·b = [1.76, 0.28, −1.495, 3.8]
    await expectClose(w, [0.634, 2.352, 3.0545, 3.62], 1e-6);
    opt.dispose();
    tf.dispose(w);
  });

  it('L2 weight decay is added to the gradient, except for rank-1 variables', async () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]), true, 'sgd-wd-w');
    const b = tf.variable(tf.tensor1d([1, 2, 3, 4]), true, 'sgd-wd-b');
    const opt = createOptimizer({ type: 'sgd', momentum: 0.5, weightDecay: 0.1 });
    const step = (g: number[]) =>
      tf.tidy(() => opt.applyGradients([w, b], { 'sgd-wd-w': tf.tensor2d(g, [2, 2]), 'sgd-wd-b': tf.tensor1d(g) }, 0.2));
    step(g1);
    // w: d = g1 + 0.1·w = [1.1, −1.8, 0.8, 0.4]; b: d = g1
    await expectClose(w, [1 - 0.22, 2 + 0.36, 3 - 0.16, 4 - 0.08], 1e-6);
    await expectClose(b, [0.8, 2.4, 2.9, 4], 1e-6);
    step(g2);
    const o = { lr: 0.2, mu: 0.5, nesterov: false };
    await expectClose(w, torchSgd([1, 2, 3, 4], [g1, g2], { ...o, wd: 0.1 }), 1e-6);
    await expectClose(b, torchSgd([1, 2, 3, 4], [g1, g2], { ...o, wd: 0 }), 1e-6);
    opt.dispose();
    tf.dispose([w, b]);
  });

  it('without momentum keeps no slots: w −= lr·g', async () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]), true, 'sgd-plain');
    const opt = createOptimizer({ type: 'sgd' });
    expect(opt.config).toEqual({ type: 'sgd', momentum: 0, nesterov: false, weightDecay: 0 });
    opt.applyGradients([w], { 'sgd-plain': tf.tensor2d(g1, [2, 2]) }, 0.5);
    await expectClose(w, [0.5, 3, 2.75, 4], 1e-6);
    const state = opt.getState();
    expect(state).toEqual({ iterations: 1, slots: {} });
    opt.dispose();
    tf.dispose(w);
  });
});
