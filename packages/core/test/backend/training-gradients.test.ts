import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, maxAbsDiff, randn, useCpu, useWasm, valueAndGrads } from './compare-with-cpu.js';

/**
 * The gradient registrations are global, so each is checked on both backends against an
 * independent formulation that reaches the same values through other ops (and their gradients).
 * (Plus one stock wasm gradient whose cpu counterpart is wrong, so cpu cannot be its reference.)
 */
interface ReferenceCase {
  readonly name: string;
  readonly run: () => tf.Tensor[];
  readonly reference: () => tf.Tensor[];
  /** Backends to check on (default both). */
  readonly backends?: ReadonlyArray<'cpu' | 'wasm'>;
}

/** The filter with `d - 1` zeros between taps: dilation `d` as an ordinary (dilation 1) filter. */
function zeroDilated(w: tf.Tensor, [dh, dw]: [number, number]): tf.Tensor4D {
  const [kh, kw, c, m] = w.shape as [number, number, number, number];
  const spread = tf.pad(tf.reshape(w, [kh, 1, kw, 1, c, m]), [[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0], [0, 0]]);
  return tf.slice(tf.reshape(spread, [kh * dh, kw * dw, c, m]), 0, [(kh - 1) * dh + 1, (kw - 1) * dw + 1, c, m]) as tf.Tensor4D;
}

/** `a @ b` as a broadcast product summed over the inner axis (no BatchMatMul involved). */
const productMatMul = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.sum(tf.mul(tf.expandDims(a, -1), tf.expandDims(b, -3)), -2);

function matMulCase(a: number[], b: number[], backends?: ReadonlyArray<'cpu' | 'wasm'>): ReferenceCase {
  const inputs = () => [randn(a, 1), randn(b, 2)];
  return {
    name: `matMul gradient with broadcast batch [${a}] @ [${b}]`,
    run: () => valueAndGrads((x, y) => tf.matMul(x, y), inputs()),
    reference: () => valueAndGrads(productMatMul, inputs()),
    ...(backends ? { backends } : {}),
  };
}

function batchNormCase(shape: number[]): ReferenceCase {
  const c = shape.at(-1)!;
  const axes = shape.slice(0, -1).map((_, i) => i);
  const inputs = () => [randn(shape, 3), randn([c], 4), randn([c], 5)];
  return {
    name: `batchNorm gradient x[${shape}] against the unfused formula`,
    run: () => valueAndGrads((x, g, b) => {
      const { mean, variance } = tf.moments(x, axes);
      return tf.batchNorm(x, mean, variance, b, g, 1e-3);
    }, inputs()),
    reference: () => valueAndGrads((x, g, b) => {
      const { mean, variance } = tf.moments(x, axes);
      return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-3))), g), b);
    }, inputs()),
  };
}

function dilatedConvCase(x: number[], w: number[], pad: 'same' | 'valid', dilation: [number, number]): ReferenceCase {
  const inputs = () => [randn(x, 6), randn(w, 7)];
  return {
    name: `conv2d gradient x[${x}] w[${w}] ${pad} dilation ${dilation} against a zero-dilated filter`,
    run: () => valueAndGrads((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, pad, 'NHWC', dilation), inputs()),
    reference: () => valueAndGrads((a, b) => tf.conv2d(a as tf.Tensor4D, zeroDilated(b, dilation), 1, pad), inputs()),
  };
}

function dilatedDepthwiseCase(x: number[], w: number[], pad: 'same' | 'valid', dilation: [number, number]): ReferenceCase {
  const inputs = () => [randn(x, 8), randn(w, 9)];
  return {
    name: `depthwiseConv2d gradient x[${x}] w[${w}] ${pad} dilation ${dilation} against a zero-dilated filter`,
    run: () => valueAndGrads((a, b) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, pad, 'NHWC', dilation), inputs()),
    reference: () => valueAndGrads((a, b) => tf.depthwiseConv2d(a as tf.Tensor4D, zeroDilated(b, dilation), 1, pad), inputs()),
  };
}

/** `sum`/`mean` over leading axes against a matmul with a row of ones (no Sum or Mean kernel involved). */
function reductionCase(kind: 'sum' | 'mean', shape: number[], axes: number[]): ReferenceCase {
  const rows = axes.reduce((n, a) => n * shape[a]!, 1);
  const rest = shape.filter((_, i) => !axes.includes(i));
  const inputs = () => [randn(shape, 12)];
  return {
    name: `${kind} gradient over axes [${axes}] of [${shape}] against a matmul with ones`,
    run: () => valueAndGrads((x) => (kind === 'sum' ? tf.sum(x, axes) : tf.mean(x, axes)), inputs()),
    reference: () => valueAndGrads((x) => {
      const ones = tf.fill([1, rows], kind === 'sum' ? 1 : 1 / rows);
      return tf.reshape(tf.matMul(ones, tf.reshape(x, [rows, -1])), rest);
    }, inputs()),
  };
}

/** Nearest-neighbour upsampling by 2 (`upSampling2d`) against repeating every pixel with `tile`. */
const upsampleCase: ReferenceCase = {
  name: 'upSampling2d gradient with batch 3 against repeated pixels',
  run: () => valueAndGrads((x) => tf.layers.upSampling2d({ size: [2, 2] }).apply(x) as tf.Tensor, [randn([3, 4, 5, 2], 13)]),
  reference: () => valueAndGrads((x) => {
    // Repeat columns, then rows, with rank-4 tiles (tfjs has tile gradients up to rank 4).
    const columns = tf.reshape(tf.tile(tf.reshape(x, [12, 5, 1, 2]), [1, 1, 2, 1]), [12, 1, 10, 2]);
    return tf.reshape(tf.tile(columns, [1, 2, 1, 1]), [3, 8, 10, 2]);
  }, [randn([3, 4, 5, 2], 13)]),
  // tfjs's cpu ResizeNearestNeighborGrad is wrong for batch > 1.
  backends: ['wasm'],
};

/** `tile` against concatenating copies along each axis (concat's gradient slices: no Tile involved). */
function tileCase(shape: number[], reps: number[]): ReferenceCase {
  const inputs = () => [randn(shape, 14)];
  return {
    name: `tile gradient [${shape}] by [${reps}] against concatenated copies`,
    run: () => valueAndGrads((x) => tf.tile(x, reps), inputs()),
    reference: () => valueAndGrads((x) => reps.reduce((t, r, axis) => (r === 1 ? t : tf.concat(new Array<tf.Tensor>(r).fill(t), axis)), x), inputs()),
  };
}

/** `tf.layers.layerNormalization` (which tiles gamma and beta) against the formula in plain ops. */
const layerNormInputs = () => [randn([4, 6, 8], 15), randn([8], 16), randn([8], 17)];
let layerNorm: tf.layers.Layer | undefined;
const layerNormCase: ReferenceCase = {
  name: 'layerNormalization gradient [4,6,8] (x, gamma, beta) against the plain-op formula',
  run: () => {
    const [x, g, b] = layerNormInputs() as [tf.Tensor, tf.Tensor, tf.Tensor];
    layerNorm ??= tf.layers.layerNormalization({ axis: -1 });
    if (!layerNorm.built) layerNorm.build(x.shape);
    layerNorm.setWeights([g, b]);
    const dy = randn(x.shape, 99);
    const f = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(layerNorm!.apply(t) as tf.Tensor, dy));
    const weights = layerNorm.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => f(x), weights);
    return [layerNorm.apply(x) as tf.Tensor, tf.grad(f)(x), ...weights.map((w) => grads[w.name]!)];
  },
  reference: () => valueAndGrads((x, g, b) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-3))), g), b);
  }, layerNormInputs()),
};

const cases: ReferenceCase[] = [
  tileCase([1, 1, 4], [3, 5, 1]),
  tileCase([3, 5, 1], [1, 1, 4]),
  tileCase([2, 3], [2, 3]),
  tileCase([5], [3]),
  tileCase([2, 1, 3, 1, 2], [1, 2, 2, 3, 1]),
  layerNormCase,
  upsampleCase,
  reductionCase('sum', [4, 5, 3], [0, 1]),
  reductionCase('mean', [4, 5, 3], [0, 1]),
  reductionCase('mean', [6, 7], [0]),
  matMulCase([4, 5, 7], [7, 3]),
  matMulCase([5, 7], [3, 7, 2]),
  matMulCase([2, 3, 4, 5], [1, 5, 2]),
  // tfjs's cpu BatchMatMul computes only part of the output when both sides broadcast: wasm only.
  matMulCase([2, 1, 3, 4], [1, 5, 4, 2], ['wasm']),
  batchNormCase([4, 5, 5, 3]),
  batchNormCase([6, 4]),
  dilatedConvCase([2, 9, 9, 3], [3, 3, 3, 4], 'same', [2, 2]),
  dilatedConvCase([2, 12, 11, 2], [3, 2, 2, 3], 'valid', [2, 3]),
  dilatedConvCase([1, 10, 10, 2], [2, 3, 2, 2], 'same', [3, 2]),
  dilatedDepthwiseCase([2, 9, 9, 2], [3, 3, 2, 2], 'same', [2, 2]),
  dilatedDepthwiseCase([2, 12, 11, 3], [3, 2, 3, 1], 'valid', [2, 3]),
];

describe.each(['cpu', 'wasm'] as const)('gradient registrations on %s match independent formulations', (backend) => {
  beforeAll(async () => {
    await useWasm(); // installs the gradients (global)
    if (backend === 'cpu') await useCpu();
  });
  it.each(cases.filter((c) => !c.backends || c.backends.includes(backend)).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const got = await evaluate(c.run);
    const want = await evaluate(c.reference);
    expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-4);
  });
});
