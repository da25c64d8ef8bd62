import * as tf from '@tensorflow/tfjs';

/**
 * Scales `x` to unit L2 norm along `axis`: `x / max(‖x‖₂, eps)`, the same rule as PyTorch's
 * `F.normalize` (a vector shorter than `eps` is divided by `eps`, so zero stays zero).
 *
 * Computed as `x · rsqrt(max(Σ x², eps²))`, which has a finite gradient everywhere, including at
 * `x = 0` (the `sqrt` form has an infinite derivative there, which turns into NaN in backprop).
 *
 * @param x - any float tensor.
 * @param axis - the axis to normalise along (default: the last).
 * @param eps - lower bound on the norm (default 1e-12).
 * @returns a tensor of `x`'s shape.
 */
export function l2Normalize<T extends tf.Tensor>(x: T, axis = -1, eps = 1e-12): T {
  return tf.tidy(() => {
    const sumSq = tf.sum(tf.square(x), axis, true);
    return tf.mul(x, tf.rsqrt(tf.maximum(sumSq, eps * eps))) as T;
  });
}
