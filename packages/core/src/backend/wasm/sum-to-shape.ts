import * as tf from '@tensorflow/tfjs';

/**
 * Sums a gradient over the axes along which its input was broadcast, so that it gets the input's
 * `shape` back (leading axes the input lacked, and axes where the input had size 1). Axes of size 1
 * in `t` itself need no sum (a reshape drops them): `tf.batchNorm` runs on a `[1, ...]` view of
 * its input, and summing that axis would copy the whole gradient.
 */
export function sumToShape(t: tf.Tensor, shape: number[]): tf.Tensor {
  if (tf.util.arraysEqual(t.shape, shape)) return t;
  const axes = tf.backend_util.getReductionAxes(shape, t.shape).filter((a) => t.shape[a] !== 1);
  const summed = axes.length > 0 ? tf.sum(t, axes) : t;
  return tf.reshape(summed, shape);
}
