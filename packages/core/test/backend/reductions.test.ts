import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads } from './compare-with-cpu.js';

describe('Sum and Mean on wasm match cpu (value and gradient)', () => {
  compareWithCpu([
    { name: 'sum over leading axis of [64,33]', run: () => valueAndGrads((x) => tf.sum(x, 0), [randn([64, 33], 1)]) },
    { name: 'sum over leading axes [0,1,2] of [4,5,6,3] (batch-norm statistics)', run: () => valueAndGrads((x) => tf.sum(x, [0, 1, 2]), [randn([4, 5, 6, 3], 2)]) },
    { name: 'sum over axes [1,0] with keepDims', run: () => valueAndGrads((x) => tf.sum(x, [1, 0], true), [randn([3, 4, 5], 3)]) },
    { name: 'sum over the last axis (stock path)', run: () => valueAndGrads((x) => tf.sum(x, -1), [randn([3, 4, 5], 4)]) },
    { name: 'sum over all axes (stock path)', run: () => valueAndGrads((x) => tf.sum(x), [randn([3, 4, 5], 5)]) },
    { name: 'sum over middle axis (stock path)', run: () => valueAndGrads((x) => tf.sum(x, 1), [randn([3, 4, 5], 6)]) },
    { name: 'sum of int32 over leading axis (stock path)', run: () => [tf.cast(tf.sum(tf.tensor2d([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32'), 0), 'float32')] },
    { name: 'mean over leading axes [0,1]', run: () => valueAndGrads((x) => tf.mean(x, [0, 1]), [randn([6, 7, 5], 7)]) },
    { name: 'mean over leading axis with keepDims', run: () => valueAndGrads((x) => tf.mean(x, 0, true), [randn([9, 4], 8)]) },
    { name: 'mean over the last axis (stock path)', run: () => valueAndGrads((x) => tf.mean(x, -1, true), [randn([3, 8], 9)]) },
    { name: 'mean over all axes (stock path)', run: () => valueAndGrads((x) => tf.mean(x), [randn([3, 8], 10)]) },
    { name: 'moments over [0,1,2] (batch norm) gradient', run: () => valueAndGrads((x) => {
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return tf.concat([mean, variance]);
    }, [randn([4, 3, 3, 5], 11)]) },
  ]);
});
