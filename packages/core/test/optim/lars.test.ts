import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectClose } from './expect-close.js';

beforeAll(async () => {
  await useTestBackend();
});

const norm = (a: number[]) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));

describe('lars', () => {
  it('applies the hand-computed trust ratio η·‖w‖/(‖g‖ + λ·‖w‖ + ε) with momentum', async () => {
    const w = tf.variable(tf.tensor2d([3, 4], [1, 2]), true, 'lars-w');
    const g = tf.tensor2d([0.6, 0.8], [1, 2]);
    const opt = createOptimizer({ type: 'lars', momentum: 0.9, weightDecay: 0.1, trustCoefficient: 0.01, epsilon: 0 });
    opt.applyGradients([w], { 'lars-w': g }, 2);
    // ‖w‖ = 5, ‖g‖ = 1: ratio = 0.01·5/(1 + 0.5) = 1/30; d = ratio·(g + 0.1·w) = [0.9, 1.2]/30 = [0.03, 0.04]
    await expectClose(w, [3 - 2 * 0.03, 4 - 2 * 0.04], 1e-6);
    opt.applyGradients([w], { 'lars-w': g }, 2);
    const w1 = [2.94, 3.92];
    const ratio = (0.01 * norm(w1)) / (1 + 0.1 * norm(w1));
    const d = [0.6, 0.8].map((gi, i) => ratio * (gi + 0.1 * w1[i]!));
    const buf = [0.03, 0.04].map((b, i) => 0.9 * b + d[i]!);
    await expectClose(w, [w1[0]! - 2 * buf[0]!, w1[1]! - 2 * buf[1]!], 1e-6);
    opt.dispose();
    tf.dispose([w, g]);
  });

  it('excluded variables follow plain momentum SGD (no decay, no trust ratio)', async () => {
    const b = tf.variable(tf.tensor1d([3, 4]), true, 'lars-b');
    const g1 = tf.tensor1d([0.6, 0.8]);
    const g2 = tf.tensor1d([-1, 2]);
    const opt = createOptimizer({ type: 'lars', weightDecay: 0.1 });
    expect(opt.config).toEqual({ type: 'lars', momentum: 0.9, weightDecay: 0.1, trustCoefficient: 0.001, epsilon: 1e-8 });
    opt.applyGradients([b], { 'lars-b': g1 }, 0.5);
    await expectClose(b, [2.7, 3.6], 1e-6);
    opt.applyGradients([b], { 'lars-b': g2 }, 0.5);
    // buf = 0.9·[0.6, 0.8] + [−1, 2] = [−0.46, 2.72]
    await expectClose(b, [2.93, 2.24], 1e-6);
    opt.dispose();
    tf.dispose([b, g1, g2]);
  });

  it('uses the plain gradient where ‖w‖ or ‖g‖ is 0 (ratio undefined)', async () => {
    const z = tf.variable(tf.zeros([2, 2]), true, 'lars-zero-w');
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]), true, 'lars-zero-g');
    const g = tf.tensor2d([1, -1, 2, 0], [2, 2]);
    const zero = tf.zeros([2, 2]);
    const opt = createOptimizer({ type: 'lars', weightDecay: 0.5, epsilon: 0 });
    opt.applyGradients([z, w], { 'lars-zero-w': g, 'lars-zero-g': zero }, 0.1);
    await expectClose(z, [-0.1, 0.1, -0.2, 0], 1e-7);
    await expectClose(w, [1, 2, 3, 4], 0);
    opt.dispose();
    tf.dispose([z, w, g, zero]);
  });
});
