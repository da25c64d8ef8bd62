import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads } from './compare-with-cpu.js';

describe('UnsortedSegmentSum (gather and embedding gradients) on wasm matches cpu', () => {
  compareWithCpu([
    {
      name: 'gather axis 0 with repeated indices (embedding lookup) + gradient',
      run: () => valueAndGrads((t) => tf.gather(t, tf.tensor1d([1, 2, 2, 9, 0, 1, 2], 'int32')), [randn([10, 4], 1)]),
    },
    {
      name: 'gather axis 0 with 2-D indices + gradient',
      run: () => valueAndGrads((t) => tf.gather(t, tf.tensor2d([[3, 3, 0], [7, 3, 1]], [2, 3], 'int32')), [randn([8, 5], 2)]),
    },
    {
      name: 'gather axis 1 with repeated 2-D indices + gradient',
      run: () => valueAndGrads((t) => tf.gather(t, tf.tensor2d([[1, 2], [2, 9]], [2, 2], 'int32'), 1), [randn([3, 10, 4], 3)]),
    },
    {
      name: 'unsortedSegmentSum forward and gradient, repeated segments, one empty',
      run: () => valueAndGrads((x) => tf.unsortedSegmentSum(x, tf.tensor1d([0, 1, 0, 3, 1], 'int32'), 5), [randn([5, 3], 4)]),
    },
    {
      name: 'unsortedSegmentSum with a negative id (dropped)',
      run: () => [tf.unsortedSegmentSum(randn([6, 2], 5), tf.tensor1d([2, -1, 0, 2, -3, 1], 'int32'), 3)],
    },
    {
      name: 'unsortedSegmentSum of int32 values',
      run: () => [tf.cast(tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'), tf.tensor1d([1, 1, 0, 1], 'int32'), 2), 'float32')],
    },
    {
      name: 'embedding layer gradient with repeated token ids',
      run: () => {
        const layer = tf.layers.embedding({ inputDim: 12, outputDim: 4, embeddingsInitializer: tf.initializers.randomNormal({ seed: 6 }) });
        const ids = tf.tensor2d([[1, 2, 3, 1], [3, 11, 1, 0]], [2, 4], 'int32');
        layer.apply(ids);
        const table = layer.getWeights()[0]!;
        const dy = randn([2, 4, 4], 7);
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), dy)))(table);
        const out = [layer.apply(ids) as tf.Tensor, g];
        layer.dispose();
        return out;
      },
    },
  ]);
});
