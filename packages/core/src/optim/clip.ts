import * as tf from '@tensorflow/tfjs';

/**
 * The global L2 norm of a set of gradients, `√(Σᵢ ‖gᵢ‖²)` (0 for none), as a new scalar the
 * caller disposes.
 */
export function globalNorm(grads: Readonly<Record<string, tf.Tensor>>): tf.Scalar {
  return tf.tidy(() => {
    const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
    return tf.sqrt(squares.length ? tf.addN(squares) : tf.scalar(0)) as tf.Scalar;
  });
}

/**
 * Scales gradients so that their global norm is at most `maxNorm`, as `tf.clip_by_global_norm`
 * and PyTorch's `clip_grad_norm_` (Pascanu et al. 2013): `gᵢ ← gᵢ·maxNorm / max(norm, maxNorm)`,
 * which leaves them unchanged when `norm ≤ maxNorm`. A non-finite norm gives non-finite gradients
 * (as TensorFlow does), so that a NaN step can be detected and skipped.
 *
 * Runs without reading data back. The input is not disposed.
 *
 * @param maxNorm the largest global norm allowed, > 0.
 * @returns `grads`: new tensors with the same keys; `norm`: the global norm before clipping.
 *   The caller disposes both.
 */
export function clipByGlobalNorm(
  grads: Readonly<Record<string, tf.Tensor>>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  if (!(Number.isFinite(maxNorm) && maxNorm > 0)) {
    throw new Error(`clipByGlobalNorm: maxNorm must be a finite number > 0, got ${maxNorm}`);
  }
  return tf.tidy(() => {
    const norm = globalNorm(grads);
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    const clipped: Record<string, tf.Tensor> = {};
    for (const [k, g] of Object.entries(grads)) clipped[k] = tf.mul(g, scale);
    return { grads: clipped, norm };
  });
}
