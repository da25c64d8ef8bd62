import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, Rng, type OptimizerConfig } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { values } from './expect-close.js';

beforeAll(async () => {
  await useTestBackend();
});

/** Seeded regression data and a loss over a weight matrix and a bias. */
function problem(seed: number) {
  const rng = new Rng(seed);
  const draw = (n: number) => Array.from({ length: n }, () => rng.normal());
  const x = tf.tensor2d(draw(6 * 3), [6, 3]);
  const y = tf.tensor2d(draw(6 * 2), [6, 2]);
  return { w0: draw(6), b0: draw(2), x, y };
}

const configs: OptimizerConfig[] = [
  { type: 'adam' },
  { type: 'adamw', weightDecay: 0.1 },
  { type: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 1e-2 },
  { type: 'lars', weightDecay: 1e-3, trustCoefficient: 0.02 },
];

describe('getState / setState', () => {
  it.each(configs)('$type: 3 steps, save, 3 more equals a fresh optimizer restored from the save', async (config) => {
    const { w0, b0, x, y } = problem(11);
    const names = { w: `st-${config.type}/w`, b: `st-${config.type}/b` };
    const make = (w: number[], b: number[]) => [
      tf.variable(tf.tensor2d(w, [3, 2]), true, names.w),
      tf.variable(tf.tensor1d(b), true, names.b),
    ];
    const run = (opt: ReturnType<typeof createOptimizer>, vars: tf.Variable[], steps: number) => {
      for (let i = 0; i < steps; i++) {
        const lr = 0.05 * (i + 1);
        const { value, grads } = tf.variableGrads(
          () => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, vars[0]!), vars[1]!), y))) as tf.Scalar,
          vars,
        );
        opt.applyGradients(vars, grads, lr);
        tf.dispose([value, grads]);
      }
    };

    const first = make(w0, b0);
    const opt = createOptimizer(config);
    run(opt, first, 3);
    const saved = opt.getState();
    const midW = await values(first[0]!);
    const midB = await values(first[1]!);
    run(opt, first, 3);
    expect(opt.iterations).toBe(6);
    const endW = await values(first[0]!);
    const endB = await values(first[1]!);
    tf.dispose(first);

    const second = make(midW, midB);
    const restored = createOptimizer(config);
    restored.setState(saved);
    expect(restored.iterations).toBe(3);
    run(restored, second, 3);
    expect(restored.iterations).toBe(6);
    const slotNames = Object.keys(saved.slots).sort();
    expect(slotNames.length).toBeGreaterThan(0);
    expect(Object.keys(restored.getState().slots).sort()).toEqual(slotNames);
    // setState copied: disposing the saved tensors must not affect the restored optimizer.
    tf.dispose(saved.slots);
    const againW = await values(second[0]!);
    const againB = await values(second[1]!);
    againW.forEach((v, i) => expect(Math.abs(v - endW[i]!)).toBeLessThanOrEqual(1e-7));
    againB.forEach((v, i) => expect(Math.abs(v - endB[i]!)).toBeLessThanOrEqual(1e-7));
    expect(endW).not.toEqual(midW);
    const finalState = restored.getState();
    expect(Object.values(finalState.slots).every((t) => !t.isDisposed)).toBe(true);
    tf.dispose(finalState.slots);
    opt.dispose();
    restored.dispose();
    tf.dispose([...second, x, y]);
  });

  it('getState returns copies the caller owns', async () => {
    const w = tf.variable(tf.tensor2d([1, 2], [1, 2]), true, 'st-copy');
    const opt = createOptimizer({ type: 'sgd', momentum: 0.5 });
    const g = tf.tensor2d([1, 1], [1, 2]);
    opt.applyGradients([w], { 'st-copy': g }, 0.1);
    const s = opt.getState();
    expect(Object.keys(s.slots)).toEqual(['st-copy/momentum']);
    opt.applyGradients([w], { 'st-copy': g }, 0.1);
    expect(await values(s.slots['st-copy/momentum']!)).toEqual([1, 1]);
    tf.dispose(s.slots);
    expect(await values(opt.getState().slots['st-copy/momentum']!)).toEqual([1.5, 1.5]);
    opt.dispose();
    tf.dispose([w, g]);
  });

  it('rejects a slot whose shape does not match its variable, clearly', () => {
    const w = tf.variable(tf.zeros([2, 3]), true, 'st-shape/w');
    const opt = createOptimizer({ type: 'adam' });
    const bad = { iterations: 2, slots: { 'st-shape/w/m': tf.zeros([3, 2]), 'st-shape/w/v': tf.zeros([2, 3]) } };
    expect(() => opt.setState(bad)).toThrow(
      "Optimizer.setState: slot 'st-shape/w/m' has shape [3,2] but variable 'st-shape/w' has shape [2,3]",
    );
    expect(opt.iterations).toBe(0);
    expect(Object.keys(opt.getState().slots)).toEqual([]);
    opt.dispose();
    tf.dispose([w, bad.slots]);
  });

  it('checks slots of variables created after setState at their first update', () => {
    const opt = createOptimizer({ type: 'sgd', momentum: 0.9 });
    const slot = tf.zeros([4]);
    opt.setState({ iterations: 1, slots: { 'st-later/momentum': slot } });
    const w = tf.variable(tf.zeros([5]), true, 'st-later');
    const g = tf.ones([5]);
    expect(() => opt.applyGradients([w], { 'st-later': g }, 0.1)).toThrow(
      /slot 'st-later\/momentum' \(restored by setState\) has shape \[4\] but variable 'st-later' has shape \[5\]/,
    );
    opt.dispose();
    tf.dispose([w, g, slot]);
  });

  it('rejects slots of another optimizer and bad iterations', () => {
    const opt = createOptimizer({ type: 'adam' });
    const t = tf.zeros([2]);
    expect(() => opt.setState({ iterations: 0, slots: { 'x/momentum': t } })).toThrow(
      /'x\/momentum' is not a slot of this adam optimizer .*slots: m, v/,
    );
    expect(() => opt.setState({ iterations: -1, slots: {} })).toThrow(/iterations must be an integer ≥ 0, got -1/);
    opt.dispose();
    t.dispose();
  });
});
