import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, createOptimizer, GradientAccumulator, Rng, type OptimizerConfig } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

const configs: OptimizerConfig[] = [
  { type: 'adam' },
  { type: 'adamw' },
  { type: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 1e-4 },
  { type: 'lars', weightDecay: 1e-6 },
];

describe('no tensor leaks', () => {
  it.each(configs)('$type: numTensors stays flat over 20 updates with clipping and accumulation', (config) => {
    const rng = new Rng(3);
    const draw = (n: number) => Array.from({ length: n }, () => rng.normal());
    const x = tf.tensor2d(draw(4 * 3), [4, 3]);
    const w = tf.variable(tf.tensor2d(draw(6), [3, 2]), true, `leak-${config.type}/w`);
    const b = tf.variable(tf.zeros([2]), true, `leak-${config.type}/b`);
    const opt = createOptimizer(config);
    const acc = new GradientAccumulator();
    const update = () => {
      for (let micro = 0; micro < 2; micro++) {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.add(tf.matMul(x, w), b))) as tf.Scalar, [w, b]);
        acc.add(grads);
        tf.dispose([value, grads]);
      }
      const mean = acc.mean();
      acc.reset();
      const { grads, norm } = clipByGlobalNorm(mean, 1);
      opt.applyGradients([w, b], grads, 0.01);
      tf.dispose([mean, grads, norm]);
    };
    update(); // creates the slots
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) update();
    expect(tf.memory().numTensors).toBe(before);
    expect(opt.iterations).toBe(21);
    const state = opt.getState();
    expect(tf.memory().numTensors).toBe(before + Object.keys(state.slots).length);
    tf.dispose(state.slots);
    opt.setState({ iterations: 0, slots: {} });
    const slotCount = config.type === 'adam' || config.type === 'adamw' ? 4 : 2;
    expect(tf.memory().numTensors).toBe(before - slotCount);
    opt.dispose();
    acc.dispose();
    tf.dispose([x, w, b]);
  });
});
