import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads } from './compare-with-cpu.js';

describe('Tile on wasm matches cpu (value and gradient)', () => {
  compareWithCpu([
    { name: 'tile [1,1,1,5] by [3,4,2,1]', run: () => valueAndGrads((x) => tf.tile(x, [3, 4, 2, 1]), [randn([1, 1, 1, 5], 1)]) },
    { name: 'tile [2,3] by [2,1]', run: () => valueAndGrads((x) => tf.tile(x, [2, 1]), [randn([2, 3], 2)]) },
    { name: 'tile [2,3] by [2,3]', run: () => valueAndGrads((x) => tf.tile(x, [2, 3]), [randn([2, 3], 3)]) },
    { name: 'tile [3,1,2] by [1,1,1] (copy)', run: () => valueAndGrads((x) => tf.tile(x, [1, 1, 1]), [randn([3, 1, 2], 4)]) },
    { name: 'tile int32 [2,2] by [1,3]', run: () => [tf.cast(tf.tile(tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), [1, 3]), 'float32')] },
    { name: 'tile bool [3] by [2]', run: () => [tf.cast(tf.tile(tf.tensor1d([true, false, true], 'bool'), [2]), 'float32')] },
    { name: 'tile [2,3,4] by [3,1,2]', run: () => valueAndGrads((x) => tf.tile(x, [3, 1, 2]), [randn([2, 3, 4], 6)]) },
    { name: 'tile [2,1,3] by [2,4,1]', run: () => valueAndGrads((x) => tf.tile(x, [2, 4, 1]), [randn([2, 1, 3], 7)]) },
    { name: 'tile [5] by [3]', run: () => valueAndGrads((x) => tf.tile(x, [3]), [randn([5], 8)]) },
    { name: 'broadcastTo [6,1] -> [6,50] (softmax-style row broadcast)', run: () => valueAndGrads((x) => tf.broadcastTo(x, [6, 50]), [randn([6, 1], 9)]) },
    { name: 'broadcastTo [1,4,1] -> [3,4,5]', run: () => valueAndGrads((x) => tf.broadcastTo(x, [3, 4, 5]), [randn([1, 4, 1], 5)]) },
  ]);
});
