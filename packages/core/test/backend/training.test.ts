import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from './compare-with-cpu.js';
import { tinyConvNet, tinyTransformer, train } from './tiny-models.js';

describe('training on wasm with the training kernels', () => {
  beforeAll(useWasm);

  it('a conv net (tf.layers: conv, batch norm, max-pool, depthwise) lowers its loss', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const setup = tinyConvNet();
    try {
      const { losses } = await train(setup, 25);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses.at(-1)!).toBeLessThan(0.7 * losses[0]!);
    } finally {
      setup.dispose();
    }
  });

  it('an embedding + transformer (gather, attention, layer norm, GELU) lowers its loss', async () => {
    const setup = tinyTransformer();
    try {
      const { losses } = await train(setup, 12);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses.at(-1)!).toBeLessThan(0.7 * losses[0]!);
    } finally {
      setup.dispose();
    }
  });

  it.each([
    ['conv net', tinyConvNet],
    ['transformer', tinyTransformer],
  ] as const)('50 steps of the %s leak no tensor', async (_name, make) => {
    const setup = make(2);
    try {
      const { tensors } = await train(setup, 50);
      expect(tensors[49]).toBe(tensors[0]);
    } finally {
      setup.dispose();
    }
  });
});
