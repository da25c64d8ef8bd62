import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads, type BackendCase } from './compare-with-cpu.js';

function maxPoolCase(label: string, makeX: () => tf.Tensor, size: number | [number, number], strides: number | [number, number], pad: 'same' | 'valid'): BackendCase {
  return {
    name: `maxPool ${label} k${size} s${strides} ${pad}`,
    run: () => valueAndGrads((x) => tf.maxPool(x as tf.Tensor4D, size, strides, pad), [makeX()]),
  };
}

/** Values ≤ -1: every window is all-negative (stock wasm loses these gradients). */
const negative = (shape: number[], seed: number) => () => tf.sub(tf.neg(tf.abs(randn(shape, seed))), 1);
/** Small integers: many ties inside windows (the first maximum in scan order gets the gradient). */
const ties = (shape: number[], seed: number) => () => tf.floor(tf.randomUniform(shape, -3, 2, 'float32', seed));

describe('MaxPoolGrad on wasm matches cpu (value and gradient)', () => {
  compareWithCpu([
    maxPoolCase('x[2,8,8,3]', () => randn([2, 8, 8, 3], 1), 2, 2, 'valid'),
    maxPoolCase('x[4,8,8,16]', () => randn([4, 8, 8, 16], 2), 3, 2, 'same'),
    maxPoolCase('x[2,9,9,2]', () => randn([2, 9, 9, 2], 3), 3, 2, 'valid'),
    maxPoolCase('x[2,7,6,3]', () => randn([2, 7, 6, 3], 4), 2, 1, 'same'),
    maxPoolCase('x[1,10,10,2]', () => randn([1, 10, 10, 2], 5), 3, 3, 'same'),
    maxPoolCase('x[2,9,8,2]', () => randn([2, 9, 8, 2], 6), [3, 2], [2, 1], 'valid'),
    maxPoolCase('all-negative x[2,8,8,3]', negative([2, 8, 8, 3], 7), 2, 2, 'valid'),
    maxPoolCase('all-negative x[2,9,9,3]', negative([2, 9, 9, 3], 8), 3, 2, 'same'),
    maxPoolCase('ties x[2,8,8,2]', ties([2, 8, 8, 2], 9), 3, 1, 'same'),
    maxPoolCase('ties x[2,8,8,2]', ties([2, 8, 8, 2], 10), 2, 2, 'valid'),
    {
      name: 'maxPooling1d (layers) pool 3 stride 2 same on x[2,11,3]',
      run: () => valueAndGrads((x) => tf.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }).apply(x) as tf.Tensor, [randn([2, 11, 3], 11)]),
    },
  ]);
});
