import * as tf from '@tensorflow/tfjs';
import type { TrainingGradient } from './registration.js';
import { sumToShape } from './sum-to-shape.js';

const batchSize = (t: tf.Tensor): number => t.shape.slice(0, -2).reduce((a, b) => a * b, 1);

/**
 * Gradient of the product of `a` against the shared (batch-free) right operand `b`: the batch
 * folds into the rows of one matmul instead of a batched matmul and a sum.
 */
function sharedRightGradient(a: tf.Tensor, dy: tf.Tensor, transposeB: boolean): tf.Tensor {
  const k = a.shape.at(-1)!;
  const n = dy.shape.at(-1)!;
  const a2 = tf.reshape(a, [-1, k]);
  const dy2 = tf.reshape(dy, [-1, n]);
  return transposeB ? tf.matMul(dy2, a2, true, false) : tf.matMul(a2, dy2, true, false);
}

/**
 * Gradient of `BatchMatMul` for every backend. tfjs-core's throws when batch dimensions
 * broadcast (`[4,5,7] @ [7,3]`: the gradient of `b` comes out `[4,7,3]`); this one sums each
 * gradient over the broadcast batch axes, and for a shared right operand (a weight matrix) folds
 * the batch into one matmul.
 */
export const matMulGradient: TrainingGradient = {
  name: 'BatchMatMul',
  build: () => ({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const g = dy as tf.Tensor;
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      const da = (): tf.Tensor => {
        if (!transposeA) return transposeB ? tf.matMul(g, b) : tf.matMul(g, b, false, true);
        return transposeB ? tf.matMul(b, g, true, true) : tf.matMul(b, g, false, true);
      };
      const db = (): tf.Tensor => {
        if (!transposeA && batchSize(b) === 1 && batchSize(a) > 1) return sharedRightGradient(a, g, transposeB);
        if (!transposeA) return transposeB ? tf.matMul(g, a, true, false) : tf.matMul(a, g, true, false);
        return transposeB ? tf.matMul(g, a, true, true) : tf.matMul(a, g);
      };
      return { a: () => sumToShape(da(), a.shape), b: () => sumToShape(db(), b.shape) };
    },
  }),
};
