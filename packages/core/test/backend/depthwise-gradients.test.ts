import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads, type BackendCase } from './compare-with-cpu.js';

function depthwiseCase(x: number[], w: number[], strides: number, pad: 'same' | 'valid', dilation: number | [number, number] = 1): BackendCase {
  return {
    name: `depthwiseConv2d x[${x}] w[${w}] s${strides} ${pad} d${dilation}`,
    run: () => valueAndGrads(
      (a, b) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad, 'NHWC', dilation), [randn(x, 1), randn(w, 2)]),
  };
}

describe('DepthwiseConv2dNativeBackpropInput/Filter on wasm match cpu (value and gradients)', () => {
  compareWithCpu([
    depthwiseCase([2, 8, 8, 3], [3, 3, 3, 1], 1, 'same'),
    depthwiseCase([2, 8, 8, 3], [3, 3, 3, 2], 2, 'same'),
    depthwiseCase([2, 9, 9, 3], [3, 3, 3, 1], 2, 'valid'),
    depthwiseCase([1, 10, 11, 4], [5, 5, 4, 1], 2, 'same'),
    depthwiseCase([2, 7, 7, 2], [1, 1, 2, 3], 1, 'valid'),
    depthwiseCase([2, 9, 9, 2], [3, 3, 2, 2], 1, 'same', 2),
    depthwiseCase([2, 12, 11, 2], [3, 2, 2, 2], 1, 'valid', [2, 3]),
    {
      name: 'separableConv2d x[2,8,8,3] depthwise[3,3,3,2] pointwise[1,1,6,4] s2 same',
      run: () => valueAndGrads((x, d, p) => tf.separableConv2d(x as tf.Tensor4D, d as tf.Tensor4D, p as tf.Tensor4D, 2, 'same'),
        [randn([2, 8, 8, 3], 3), randn([3, 3, 3, 2], 4), randn([1, 1, 6, 4], 5)]),
    },
  ]);
});
