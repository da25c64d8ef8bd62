import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads } from './compare-with-cpu.js';

describe('Slice, SplitV, Unpack and Identity on wasm match cpu (value and gradient)', () => {
  compareWithCpu([
    { name: 'slice 4-D inner window', run: () => valueAndGrads((x) => tf.slice(x, [0, 1, 2, 0], [2, 3, 2, 3]), [randn([2, 5, 6, 3], 1)]) },
    { name: 'slice 4-D with -1 sizes', run: () => valueAndGrads((x) => tf.slice(x, [1, 0, 1, 1], [-1, -1, 3, -1]), [randn([3, 4, 5, 2], 2)]) },
    { name: 'slice 1-D', run: () => valueAndGrads((x) => tf.slice(x, 3, 4), [randn([9], 3)]) },
    { name: 'slice 5-D', run: () => valueAndGrads((x) => tf.slice(x, [0, 1, 0, 1, 0], [2, 1, 3, 2, 2]), [randn([2, 3, 3, 4, 2], 4)]) },
    { name: 'slice int32', run: () => [tf.cast(tf.slice(tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], 'int32'), [0, 1], [2, 2]), 'float32')] },
    { name: 'split into 3 equal parts along the last axis', run: () => valueAndGrads((x) => tf.concat(tf.split(x, 3, 1).map((p, i) => tf.mul(p, i + 1)), 1), [randn([4, 12], 5)]) },
    { name: 'split by sizes [1,-1,2] along axis 0', run: () => valueAndGrads((x) => tf.concat(tf.split(x, [1, -1, 2], 0).reverse(), 0), [randn([6, 2, 3], 6)]) },
    { name: 'unstack axis 0 of a rank-5 tensor', run: () => valueAndGrads((x) => tf.addN(tf.unstack(x, 0).map((p, i) => tf.mul(p, i + 1))), [randn([3, 2, 4, 3, 2], 8)]) },
    { name: 'unstack the middle axis', run: () => valueAndGrads((x) => tf.concat(tf.unstack(x, 1).reverse(), 1), [randn([2, 3, 4], 9)]) },
    { name: 'unstack int32', run: () => tf.unstack(tf.range(0, 24, 1, 'int32').reshape([2, 3, 4]), 2).map((p) => tf.cast(p, 'float32')) },
    { name: 'clone (Identity) keeps values and gradients', run: () => valueAndGrads((x) => tf.mul(tf.clone(x), tf.clone(x)), [randn([3, 4], 7)]) },
  ]);
});
