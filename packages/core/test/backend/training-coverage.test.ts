import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compareWithCpu, evaluate, randn, type BackendCase } from './compare-with-cpu.js';

/**
 * What SSL models are made of, trained (loss and every gradient) on wasm and compared with cpu:
 * a case fails if a kernel is missing on wasm (tfjs then throws), wrong, or leaks.
 */
const init = (seed: number) => tf.initializers.randomNormal({ mean: 0, stddev: 0.3, seed });

/** Loss = Σ mean(output · fixed random), gradients for the layer's weights and its input. */
function layerCase(name: string, makeLayer: () => tf.layers.Layer, inShape: number[] | (() => tf.Tensor)): BackendCase {
  return {
    name,
    run: () => {
      const layer = makeLayer();
      const intInput = typeof inShape === 'function';
      const x = intInput ? inShape() : tf.variable(randn(inShape, 7));
      layer.apply(x); // build
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      if (!intInput) vars.push(x as tf.Variable);
      const { value, grads } = tf.variableGrads(() => {
        const y = layer.apply(x, { training: true }) as tf.Tensor | tf.Tensor[];
        const outs = Array.isArray(y) ? y : [y];
        return tf.addN(outs.map((o) => tf.mean(tf.mul(o, randn(o.shape, 11))))) as tf.Scalar;
      }, vars);
      const out = [value, ...vars.map((v) => grads[v.name]!)];
      layer.dispose();
      if (!intInput) (x as tf.Variable).dispose();
      return out;
    },
  };
}

/** Loss = f(variables...), gradients for each. */
function opCase(name: string, shapes: number[][], f: (...xs: tf.Tensor[]) => tf.Tensor): BackendCase {
  return {
    name,
    run: () => {
      const xs = shapes.map((s, i) => tf.variable(randn(s, 20 + i)));
      const { value, grads } = tf.variableGrads(() => f(...xs) as tf.Scalar, xs);
      const out = [value, ...xs.map((v) => grads[v.name]!)];
      tf.dispose(xs);
      return out;
    },
  };
}

const L = tf.layers;
const sumSq = (t: tf.Tensor) => tf.sum(tf.square(t));
const weighted = (t: tf.Tensor, seed: number) => tf.sum(tf.mul(t, randn(t.shape, seed)));

const cases: BackendCase[] = [
  layerCase('dense relu', () => L.dense({ units: 5, activation: 'relu', kernelInitializer: init(1) }), [3, 7]),
  layerCase('dense on [B,T,d] (broadcast matmul)', () => L.dense({ units: 5, kernelInitializer: init(1) }), [2, 4, 7]),
  layerCase('conv2d stride 1 same', () => L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init(1) }), [2, 8, 8, 3]),
  layerCase('conv2d stride 2 same', () => L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(1) }), [2, 8, 8, 3]),
  // (tf.layers.conv2d with dilationRate > 1 cannot train on any backend: tfjs-core's fused conv2d has its own
  // gradient that refuses dilation. The tf.conv2d op and the conv1d layer use the registered Conv2D gradient.)
  layerCase('conv1d same', () => L.conv1d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init(1) }), [2, 16, 3]),
  layerCase('conv1d dilation 2', () => L.conv1d({ filters: 4, kernelSize: 3, padding: 'same', dilationRate: 2, kernelInitializer: init(1) }), [2, 16, 3]),
  layerCase('conv2dTranspose stride 2', () => L.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(1) }), [2, 4, 4, 3]),
  layerCase('depthwiseConv2d', () => L.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthwiseInitializer: init(1) }), [2, 8, 8, 3]),
  layerCase('separableConv2d', () => L.separableConv2d({ filters: 4, kernelSize: 3, padding: 'same', depthwiseInitializer: init(1), pointwiseInitializer: init(2) }), [2, 8, 8, 3]),
  layerCase('batchNormalization (training)', () => L.batchNormalization({ gammaInitializer: init(3) }), [4, 6, 6, 3]),
  layerCase('layerNormalization', () => L.layerNormalization({ gammaInitializer: init(3) }), [2, 5, 8]),
  layerCase('maxPooling2d 2x2', () => L.maxPooling2d({ poolSize: 2, strides: 2 }), [2, 8, 8, 3]),
  layerCase('maxPooling2d 3x3 stride 2 same', () => L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }), [2, 8, 8, 3]),
  layerCase('averagePooling2d', () => L.averagePooling2d({ poolSize: 2, strides: 2 }), [2, 8, 8, 3]),
  layerCase('globalAveragePooling2d', () => L.globalAveragePooling2d({}), [2, 8, 8, 3]),
  layerCase('globalMaxPooling2d', () => L.globalMaxPooling2d({}), [2, 8, 8, 3]),
  layerCase('globalAveragePooling1d', () => L.globalAveragePooling1d({}), [2, 6, 3]),
  layerCase('embedding', () => L.embedding({ inputDim: 10, outputDim: 4, embeddingsInitializer: init(5) }),
    () => tf.tensor2d([[1, 2, 3], [3, 9, 1]], [2, 3], 'int32')),
  layerCase('GRU', () => L.gru({ units: 4, kernelInitializer: init(6), recurrentInitializer: init(7), returnSequences: true }), [2, 5, 3]),
  layerCase('LSTM', () => L.lstm({ units: 4, kernelInitializer: init(6), recurrentInitializer: init(7), returnSequences: true }), [2, 5, 3]),
  layerCase('dropout (training, seeded)', () => L.dropout({ rate: 0.5, seed: 3 }), [3, 7]),
  layerCase('gelu activation', () => L.activation({ activation: 'gelu' }), [3, 7]),
  layerCase('gelu_new (tanh) activation', () => L.activation({ activation: 'gelu_new' }), [3, 7]),
  layerCase('upSampling2d (batch 1: tfjs cpu is wrong for more)', () => L.upSampling2d({ size: [2, 2] }), [1, 4, 4, 3]),
  layerCase('zeroPadding2d', () => L.zeroPadding2d({ padding: 1 }), [2, 4, 4, 3]),
  opCase('softmax cross-entropy with oneHot labels', [[4, 6]], (x) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 5, 2, 3], 'int32'), 6), x)),
  opCase('softmax', [[4, 6]], (x) => sumSq(tf.softmax(x))),
  opCase('logSoftmax', [[4, 6]], (x) => weighted(tf.logSoftmax(x), 3)),
  opCase('logSumExp', [[4, 6]], (x) => tf.sum(tf.logSumExp(x, -1))),
  opCase('erf, tanh, sigmoid, elu, leakyRelu, relu6, softplus, swish', [[3, 7]], (x) => tf.addN([
    sumSq(tf.erf(x)), sumSq(tf.tanh(x)), sumSq(tf.sigmoid(x)), sumSq(tf.elu(x)), sumSq(tf.leakyRelu(x)),
    sumSq(tf.relu6(x)), sumSq(tf.softplus(x)), sumSq(tf.mul(x, tf.sigmoid(x))),
  ])),
  opCase('cumsum', [[3, 7]], (x) => sumSq(tf.cumsum(x, 1))),
  opCase('l2-normalize', [[4, 6]], (x) => weighted(tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), -1, true), 1e-12))), 9)),
  opCase('norm (euclidean)', [[4, 6]], (x) => tf.sum(tf.norm(x, 'euclidean', -1))),
  opCase('gather along axis 1', [[3, 10, 4]], (t) => weighted(tf.gather(t, tf.tensor2d([[1, 2], [2, 9]], [2, 2], 'int32'), 1), 10)),
  opCase('transpose, batched matMul 4-D, transposed-b matMul', [[2, 3, 4, 5], [2, 3, 5, 6], [2, 3, 6, 5]],
    (a, b, c) => tf.add(sumSq(tf.matMul(a, b)), sumSq(tf.transpose(tf.matMul(a, c, false, true), [1, 0, 3, 2])))),
  opCase('matMul [B,T,d] @ [d,e] (broadcast batch)', [[2, 4, 5], [5, 6]], (a, b) => sumSq(tf.matMul(a, b))),
  opCase('max and min reductions', [[4, 6]], (x) => tf.add(tf.sum(tf.max(x, -1)), tf.sum(tf.min(x, 0)))),
  opCase('concat, split, slice, pad, tile', [[4, 6]], (x) => {
    const [a, b] = tf.split(x, 2, 1) as [tf.Tensor, tf.Tensor];
    return sumSq(tf.slice(tf.concat([tf.pad(a, [[1, 1], [0, 0]]), tf.pad(tf.tile(b, [1, 2]), [[1, 1], [0, 0]])], 1), [1, 1], [3, 4]));
  }),
  opCase('where, clipByValue, abs', [[4, 6]], (x) => sumSq(tf.where(tf.greater(randn([4, 6], 4), 0), tf.clipByValue(x, -0.5, 0.5), tf.abs(x)))),
  opCase('meanSquaredError and cosine similarity', [[4, 6], [4, 6]], (a, b) => tf.add(tf.losses.meanSquaredError(a, b),
    tf.sum(tf.mul(tf.div(a, tf.norm(a, 'euclidean', -1, true)), tf.div(b, tf.norm(b, 'euclidean', -1, true)))))),
  {
    name: 'cropAndResize (forward)',
    run: () => [tf.image.cropAndResize(randn([2, 8, 8, 3], 12) as tf.Tensor4D, tf.tensor2d([[0, 0, 0.5, 0.7], [0.2, 0.1, 1, 0.9]]),
      tf.tensor1d([0, 1], 'int32'), [4, 5])],
  },
  { name: 'einsum (forward)', run: () => [tf.einsum('bij,bjk->bik', randn([2, 3, 4], 13), randn([2, 4, 5], 14))] },
];

describe('everything SSL models use trains on wasm and matches cpu', () => {
  compareWithCpu(cases);

  it('runs only kernels registered for wasm (nothing is forwarded to another backend)', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const profile = await tf.profile(async () => {
      for (const c of cases) await evaluate(c.run);
    });
    // Names ending in `__op` are custom-gradient op wrappers (fusedMatMul__op); the kernels they run are listed too.
    const kernels = [...new Set(profile.kernelNames)].filter((k) => !k.endsWith('__op'));
    const notOnWasm = kernels.filter((k) => !tf.getKernel(k, 'wasm'));
    expect(notOnWasm).toEqual([]);
    expect(kernels).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'UnsortedSegmentSum', 'MaxPoolGrad', '_FusedMatMul', 'FusedConv2D']));
  });
});
