import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads, type BackendCase } from './compare-with-cpu.js';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

function conv2dCase(x: number[], w: number[], strides: number | [number, number], pad: Pad, dilation: number | [number, number] = 1): BackendCase {
  return {
    name: `conv2d x[${x}] w[${w}] s${strides} ${JSON.stringify(pad)} d${dilation}`,
    run: () => valueAndGrads((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad, 'NHWC', dilation), [randn(x, 1), randn(w, 2)]),
  };
}

function conv1dCase(x: number[], w: number[], stride: number, pad: 'same' | 'valid', dilation = 1): BackendCase {
  return {
    name: `conv1d x[${x}] w[${w}] s${stride} ${pad} d${dilation}`,
    run: () => valueAndGrads((a, b) => tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, stride, pad, 'NWC', dilation), [randn(x, 3), randn(w, 4)]),
  };
}

function transposeCase(x: number[], w: number[], out: [number, number, number, number], stride: number, pad: 'same' | 'valid'): BackendCase {
  return {
    name: `conv2dTranspose x[${x}] w[${w}] -> [${out}] s${stride} ${pad}`,
    run: () => valueAndGrads((a, b) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, out, stride, pad), [randn(x, 5), randn(w, 6)]),
  };
}

describe('Conv2DBackpropFilter and Conv2DBackpropInput on wasm match cpu (value and gradients)', () => {
  compareWithCpu([
    conv2dCase([2, 8, 8, 3], [3, 3, 3, 4], 1, 'same'),
    conv2dCase([2, 7, 7, 4], [3, 3, 4, 5], 1, 'valid'),
    conv2dCase([2, 8, 8, 3], [3, 3, 3, 4], 2, 'same'),
    conv2dCase([2, 9, 9, 3], [3, 3, 3, 4], 2, 'same'),
    conv2dCase([2, 9, 9, 3], [3, 3, 3, 4], 2, 'valid'),
    conv2dCase([2, 10, 10, 3], [3, 3, 3, 4], 3, 'same'),
    conv2dCase([2, 11, 11, 2], [3, 3, 2, 3], 3, 'valid'),
    conv2dCase([2, 8, 8, 3], [1, 1, 3, 4], 1, 'same'),
    conv2dCase([2, 8, 8, 3], [1, 1, 3, 4], 2, 'valid'),
    conv2dCase([2, 11, 10, 2], [5, 5, 2, 3], 2, 'valid'),
    conv2dCase([1, 12, 12, 2], [7, 7, 2, 3], 2, 'same'),
    conv2dCase([2, 9, 7, 3], [3, 1, 3, 4], [1, 2], 'same'),
    conv2dCase([2, 8, 8, 3], [3, 3, 3, 4], 1, [[0, 0], [1, 2], [2, 0], [0, 0]]),
    conv2dCase([2, 9, 8, 3], [3, 3, 3, 4], 2, [[0, 0], [3, 1], [0, 2], [0, 0]]),
    conv2dCase([2, 9, 9, 3], [3, 3, 3, 4], 1, 'same', 2),
    conv2dCase([2, 12, 11, 2], [3, 2, 2, 3], 1, 'valid', [2, 3]),
    conv1dCase([2, 16, 3], [3, 3, 4], 1, 'same'),
    conv1dCase([2, 17, 3], [5, 3, 4], 2, 'valid'),
    conv1dCase([2, 16, 3], [3, 3, 4], 1, 'same', 2),
    transposeCase([2, 4, 4, 3], [3, 3, 5, 3], [2, 8, 8, 5], 2, 'same'),
    transposeCase([2, 4, 4, 3], [3, 3, 5, 3], [2, 6, 6, 5], 1, 'valid'),
    transposeCase([2, 4, 4, 3], [3, 3, 5, 3], [2, 9, 9, 5], 2, 'valid'),
  ]);
});
