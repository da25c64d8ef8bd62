import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads, type BackendCase } from './compare-with-cpu.js';

function matMulCase(a: number[], b: number[], transposeA = false, transposeB = false): BackendCase {
  return {
    name: `matMul [${a}]${transposeA ? 'ᵀ' : ''} @ [${b}]${transposeB ? 'ᵀ' : ''}`,
    run: () => valueAndGrads((x, y) => tf.matMul(x, y, transposeA, transposeB), [randn(a, 1), randn(b, 2)]),
  };
}

describe('BatchMatMul on wasm matches cpu (value and gradients)', () => {
  compareWithCpu([
    matMulCase([5, 7], [7, 3]),
    matMulCase([7, 5], [7, 3], true),
    matMulCase([5, 7], [3, 7], false, true),
    matMulCase([7, 5], [3, 7], true, true),
    matMulCase([4, 5, 7], [4, 7, 3]),
    matMulCase([4, 7, 5], [4, 3, 7], true, true),
    matMulCase([4, 7, 5], [4, 7, 3], true, false),
    matMulCase([2, 3, 5, 7], [2, 3, 7, 6]),
    matMulCase([2, 3, 5, 7], [2, 3, 6, 7], false, true),
    matMulCase([4, 5, 7], [7, 3]),
    matMulCase([4, 5, 7], [3, 7], false, true),
    matMulCase([4, 7, 5], [7, 3], true, false),
    matMulCase([5, 7], [4, 7, 3]),
    matMulCase([4, 5, 7], [1, 3, 7], false, true),
    matMulCase([1, 6], [6, 1]),
    {
      name: 'one weight tensor used as [4,6] and, reshaped, as [6,4] (XNNPACK caches operators per tensor id)',
      run: () => {
        const w = randn([4, 6], 6);
        return [tf.matMul(randn([3, 4], 7), w), tf.matMul(randn([5, 6], 8), tf.reshape(w, [6, 4])), tf.matMul(randn([2, 3, 4], 9), w)];
      },
    },
    {
      name: 'attention scores and weighted values [2,4,16,8] (q kᵀ, softmax, @ v)',
      run: () => valueAndGrads(
        (q, k, v) => tf.matMul(tf.softmax(tf.matMul(q, k, false, true)), v),
        [randn([2, 4, 16, 8], 3), randn([2, 4, 16, 8], 4), randn([2, 4, 16, 8], 5)]),
    },
  ]);
});
