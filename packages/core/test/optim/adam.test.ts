import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, Rng } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { expectClose, values } from './expect-close.js';

beforeAll(async () => {
  await useTestBackend();
});
afterAll(() => {
  tf.disposeVariables();
});

/** A small least-squares problem with seeded data: loss(w) = mean((x·w − y)²). */
function problem(seed: number) {
  const rng = new Rng(seed);
  const draw = (n: number) => Array.from({ length: n }, () => rng.normal());
  const x = tf.tensor2d(draw(8 * 3), [8, 3]);
  const y = tf.tensor2d(draw(8 * 2), [8, 2]);
  const w0 = draw(3 * 2);
  const loss = (w: tf.Variable) => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar;
  return { x, y, w0, loss };
}

describe('adam', () => {
  it('matches tf.train.adam over several steps', async () => {
    const { x, y, w0, loss } = problem(7);
    const ours = tf.variable(tf.tensor2d(w0, [3, 2]), true, 'adam-ours');
    const ref = tf.variable(tf.tensor2d(w0, [3, 2]), true, 'adam-ref');
    const opt = createOptimizer({ type: 'adam', beta1: 0.8, beta2: 0.95, epsilon: 1e-7 });
    const refOpt = tf.train.adam(0.05, 0.8, 0.95, 1e-7);
    for (let i = 0; i < 6; i++) {
      const a = tf.variableGrads(() => loss(ours), [ours]);
      opt.applyGradients([ours], a.grads, 0.05);
      tf.dispose([a.value, a.grads]);
      const b = tf.variableGrads(() => loss(ref), [ref]);
      refOpt.applyGradients([{ name: 'adam-ref', tensor: b.grads['adam-ref']! }]);
      tf.dispose([b.value, b.grads]);
    }
    expect(opt.iterations).toBe(6);
    const r = await values(ref);
    expect(r).not.toEqual(w0);
    await expectClose(ours, r, 1e-6);
    opt.dispose();
    refOpt.dispose();
    tf.dispose([x, y, ours, ref]);
  });

  it('takes a hand-computed first step: lr·g/(|g| + ε) since m̂ = g and v̂ = g²', async () => {
    const w = tf.variable(tf.tensor2d([1, -2, 0.5, 3], [2, 2]), true, 'adam-hand');
    const g = tf.tensor2d([0.1, -0.2, 4, 0], [2, 2]);
    const opt = createOptimizer({ type: 'adam' });
    expect(opt.config).toEqual({ type: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    opt.applyGradients([w], { 'adam-hand': g }, 0.1);
    // 1 − 0.1·0.1/(0.1 + 1e-8), −2 + 0.1·0.2/(0.2 + 1e-8), 0.5 − 0.1·4/(4 + 1e-8), 3 − 0
    await expectClose(w, [0.90000001, -1.90000000, 0.40000000, 3], 1e-6);
    // Second step with g' = g/2: m = 0.9·0.1·g + 0.1·g/2 = 0.14·g, v = (0.999·0.001 + 0.001·0.25)·g².
    opt.applyGradients([w], { 'adam-hand': tf.div(g, 2) }, 0.1);
    const mHat = 0.14 / (1 - 0.9 ** 2);
    const vHat = (0.999 * 0.001 + 0.001 * 0.25) / (1 - 0.999 ** 2);
    const step = (gi: number) => (gi === 0 ? 0 : (0.1 * mHat * gi) / (Math.sqrt(vHat) * Math.abs(gi) + 1e-8));
    await expectClose(w, [0.9 - step(0.1), -1.9 - step(-0.2), 0.4 - step(4), 3], 1e-6);
    opt.dispose();
    tf.dispose([w, g]);
  });

  it('leaves variables without a gradient alone and ignores foreign gradients', async () => {
    const a = tf.variable(tf.tensor1d([1, 2]), true, 'adam-a');
    const b = tf.variable(tf.tensor1d([3, 4]), true, 'adam-b');
    const g = tf.tensor1d([1, -1]);
    const opt = createOptimizer({ type: 'adam' });
    opt.applyGradients([a, b], { 'adam-a': g, 'not-listed': g }, 0.5);
    await expectClose(a, [0.5, 2.5], 1e-6);
    await expectClose(b, [3, 4], 0);
    expect(Object.keys(opt.getState().slots).sort()).toEqual(['adam-a/m', 'adam-a/v']);
    expect(g.isDisposed).toBe(false);
    opt.dispose();
    tf.dispose([a, b, g]);
  });

  it('rejects a bad lr, a mismatched gradient and a disposed optimizer with clear errors', () => {
    const w = tf.variable(tf.zeros([2, 2]), true, 'adam-bad');
    const g = tf.zeros([2, 2]);
    const opt = createOptimizer({ type: 'adam' });
    expect(() => opt.applyGradients([w], { 'adam-bad': g }, -0.1)).toThrow(/lr must be a finite number ≥ 0, got -0.1/);
    expect(() => opt.applyGradients([w], { 'adam-bad': g }, NaN)).toThrow(/lr must be/);
    const g2 = tf.zeros([4]);
    expect(() => opt.applyGradients([w], { 'adam-bad': g2 }, 0.1)).toThrow(
      /gradient of 'adam-bad' has shape \[4\] but the variable has shape \[2,2\]/,
    );
    expect(() => opt.applyGradients([w, w], { 'adam-bad': g }, 0.1)).toThrow(/'adam-bad' is listed twice/);
    expect(opt.iterations).toBe(0);
    opt.dispose();
    expect(() => opt.applyGradients([w], { 'adam-bad': g }, 0.1)).toThrow(/disposed/);
    tf.dispose([w, g, g2]);
  });
});

describe('adamw', () => {
  it('takes a hand-computed step with decoupled weight decay; rank-1 variables are not decayed', async () => {
    const w = tf.variable(tf.tensor2d([1, -2, 0.5, 3], [2, 2]), true, 'adamw-w');
    const b = tf.variable(tf.tensor1d([2, -1]), true, 'adamw-b');
    const gw = tf.tensor2d([0.1, -0.2, 4, 0], [2, 2]);
    const gb = tf.tensor1d([0.5, 0.5]);
    const opt = createOptimizer({ type: 'adamw', weightDecay: 0.5 });
    expect(opt.config).toEqual({ type: 'adamw', beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5 });
    opt.applyGradients([w, b], { 'adamw-w': gw, 'adamw-b': gb }, 0.1);
    // w·(1 − lr·wd) − lr·sign(g): 1·0.95 − 0.1, −2·0.95 + 0.1, 0.5·0.95 − 0.1, 3·0.95
    await expectClose(w, [0.85, -1.8, 0.375, 2.85], 1e-6);
    await expectClose(b, [1.9, -1.1], 1e-6);
    opt.dispose();
    tf.dispose([w, b, gw, gb]);
  });

  it('uses a custom exclusion instead of the default', async () => {
    const w = tf.variable(tf.tensor2d([1, 2], [1, 2]), true, 'keep-w');
    const b = tf.variable(tf.tensor1d([2, 4]), true, 'adamw-decayed-b');
    const gw = tf.zeros([1, 2]);
    const gb = tf.zeros([2]);
    const opt = createOptimizer({ type: 'adamw', weightDecay: 0.1 }, { excludeFromWeightDecay: (v) => v.name.startsWith('keep') });
    opt.applyGradients([w, b], { 'keep-w': gw, 'adamw-decayed-b': gb }, 1);
    await expectClose(w, [1, 2], 0);
    await expectClose(b, [1.8, 3.6], 1e-6);
    opt.dispose();
    tf.dispose([w, b, gw, gb]);
  });
});
