import * as tf from '@tensorflow/tfjs';
import type { TrainingGradient } from './registration.js';
import { sumToShape } from './sum-to-shape.js';

/**
 * Gradient of `FusedBatchNorm` (`tf.batchNorm`, `tf.layers.batchNormalization`) for every
 * backend. Same math as tfjs-core's, but with broadcasting where tfjs-core materialises
 * `tile(rsqrt(variance + ε), x.shape)` (a full-size copy, very slow on wasm), and each parameter
 * gradient reduced to that parameter's own shape.
 */
export const batchNormGradient: TrainingGradient = {
  name: 'FusedBatchNorm',
  build: () => ({
    kernelName: 'FusedBatchNorm',
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const g = dy as tf.Tensor;
      const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
      const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
      const rstd = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
      const gScaled = scale == null ? g : tf.mul(g, scale);
      const centered = () => tf.sub(x, mean);
      return {
        x: () => sumToShape(tf.mul(gScaled, rstd), x.shape),
        mean: () => sumToShape(tf.neg(tf.mul(gScaled, rstd)), mean.shape),
        variance: () => sumToShape(tf.mul(tf.mul(gScaled, centered()), tf.mul(tf.pow(rstd, 3), tf.scalar(-0.5))), variance.shape),
        scale: () => sumToShape(tf.mul(g, tf.mul(centered(), rstd)), (scale ?? mean).shape),
        offset: () => sumToShape(g, mean.shape),
      };
    },
  }),
};
