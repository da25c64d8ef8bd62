import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn, valueAndGrads, type BackendCase } from './compare-with-cpu.js';

/** A broadcasting binary op's value and both input gradients, `[B,T,D]`-style shapes. */
function binaryCase(op: 'add' | 'sub' | 'mul' | 'div', a: number[], b: number[]): BackendCase {
  const f = { add: tf.add, sub: tf.sub, mul: tf.mul, div: tf.div }[op];
  return {
    name: `${op} [${a}] with [${b}]`,
    // Divisors kept away from zero so the gradients stay well inside the tolerance.
    run: () => valueAndGrads((x, y) => f(x, y), [randn(a, 1), op === 'div' ? tf.add(tf.abs(randn(b, 2)), 1) : randn(b, 2)]),
  };
}

/** `tf.layers.layerNormalization` on `shape`: output, input gradient and gamma/beta gradients. */
function layerNormCase(shape: number[]): BackendCase {
  return {
    name: `layerNormalization fwd+bwd [${shape}]`,
    run: () => {
      const x = randn(shape, 3);
      const layer = tf.layers.layerNormalization({ axis: -1 });
      layer.build(x.shape);
      const d = shape.at(-1)!;
      layer.setWeights([randn([d], 4), randn([d], 5)]);
      const dy = randn(shape, 6);
      const f = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(layer.apply(t) as tf.Tensor, dy));
      const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => f(x), weights);
      const out = [layer.apply(x) as tf.Tensor, tf.grad(f)(x), ...weights.map((w) => grads[w.name]!)];
      layer.weights.forEach((w) => w.dispose()); // variables, which tidy does not free
      return out;
    },
  };
}

describe('layer norm and its broadcasts on wasm match cpu (value and gradient)', () => {
  compareWithCpu([
    layerNormCase([6, 7, 8]),
    layerNormCase([5, 16]),
    binaryCase('add', [4, 7, 8], [4, 7, 1]),
    binaryCase('sub', [4, 7, 8], [4, 7, 1]),
    binaryCase('mul', [4, 7, 8], [4, 7, 1]),
    binaryCase('div', [4, 7, 8], [4, 7, 1]),
    binaryCase('add', [4, 7, 8], [8]),
    binaryCase('mul', [4, 7, 8], [8]),
    binaryCase('sub', [8], [4, 7, 8]),
    binaryCase('mul', [4, 7, 8], []),
    binaryCase('div', [4, 7, 8], []),
    binaryCase('add', [4, 1, 8], [1, 7, 1]),
    {
      name: 'add int32 [2,3,4] with [2,3,1] and [4] (no float path)',
      run: () => {
        const a = tf.range(0, 24, 1, 'int32').reshape([2, 3, 4]);
        const out = [tf.add(a, tf.tensor3d([1, 2, 3, 4, 5, 6], [2, 3, 1], 'int32')), tf.mul(a, tf.tensor1d([1, -2, 3, -4], 'int32'))];
        return out.map((t) => tf.cast(t, 'float32'));
      },
    },
  ]);
});
