import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stopGradient } from '../../src/losses/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('stopGradient', () => {
  it('is the identity forward and blocks the gradient backward', async () => {
    const x = tf.tensor2d([[1, -2], [3, 0.5]]);
    expect(Array.from(await stopGradient(x).data())).toEqual([1, -2, 3, 0.5]);
    // d/dx Σ (x·x + sg(x)·x) = 2x·(1) from x·x + sg(x) = x from the second term: 3x, not 4x.
    const g = await tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.mul(v, v), tf.mul(stopGradient(v), v))))(x).data();
    expect(Array.from(g)).toEqual([3, -6, 9, 1.5]);
  });

  it('leaks no tensor', () => {
    const x = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((v: tf.Tensor) => tf.sum(stopGradient(v)))(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
