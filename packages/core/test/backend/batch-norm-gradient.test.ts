import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads, type BackendCase } from './compare-with-cpu.js';

function trainingBatchNorm(shape: number[], keepDims: boolean): BackendCase {
  const c = shape.at(-1)!;
  const axes = shape.slice(0, -1).map((_, i) => i);
  return {
    name: `batchNorm training gradients x[${shape}] (moments keepDims=${keepDims})`,
    run: () => valueAndGrads((x, g, b) => {
      const { mean, variance } = tf.moments(x, axes, keepDims);
      // tf.batchNorm wants offset and scale of the same rank as the mean.
      return tf.batchNorm(x, mean, variance, tf.reshape(b, mean.shape), tf.reshape(g, mean.shape), 1e-3);
    }, [randn(shape, 1), randn([c], 2), randn([c], 3)]),
  };
}

describe('FusedBatchNorm gradient (broadcasting, no tile) on wasm matches cpu', () => {
  compareWithCpu([
    trainingBatchNorm([4, 5, 5, 3], false),
    trainingBatchNorm([4, 5, 5, 3], true),
    trainingBatchNorm([6, 3], false),
    trainingBatchNorm([2, 5, 3], false),
    {
      name: 'batchNorm gradients with respect to given mean, variance, scale and offset x[3,4,4,2]',
      run: () => valueAndGrads((x, m, v, g, b) => tf.batchNorm(x, m, v, b, g, 1e-3),
        [randn([3, 4, 4, 2], 4), randn([2], 5), tf.add(tf.square(randn([2], 6)), 0.5), randn([2], 7), randn([2], 8)]),
    },
    {
      name: 'batchNormalization layer (training) x[4,6,6,3]',
      run: () => {
        const layer = tf.layers.batchNormalization({ gammaInitializer: tf.initializers.randomNormal({ seed: 4 }) });
        const x = randn([4, 6, 6, 3], 5);
        layer.apply(x);
        const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        const dy = randn([4, 6, 6, 3], 6);
        const f = (): tf.Scalar => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, dy));
        const { grads } = tf.variableGrads(f, weights);
        const out = [layer.apply(x, { training: true }) as tf.Tensor, ...weights.map((w) => grads[w.name]!)];
        layer.dispose();
        return out;
      },
    },
  ]);
});
