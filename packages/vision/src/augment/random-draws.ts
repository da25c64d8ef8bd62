import { mixSeed, tf } from '@pretext/core';

/**
 * One uniform draw per image in [lo, hi), as a `[B]` float32 tensor, from a tfjs random op seeded
 * with `mixSeed(seed, stream)`: different streams of one seed are independent.
 */
export function perImageUniform(batch: number, lo: number, hi: number, seed: number, stream: number): tf.Tensor1D {
  return tf.randomUniform([batch], lo, hi, 'float32', mixSeed(seed, stream));
}

/**
 * A per-image 0/1 float mask `[B, 1, 1, 1]`, 1 with probability `p` (seeded like
 * {@link perImageUniform}), for blending an augmented batch with the original.
 */
export function perImageMask(batch: number, p: number, seed: number, stream: number): tf.Tensor4D {
  return tf.tidy(() => {
    const u = perImageUniform(batch, 0, 1, seed, stream);
    return tf.reshape(tf.cast(tf.less(u, p), 'float32'), [batch, 1, 1, 1]);
  });
}

/**
 * `mask · a + (1 − mask) · b` for a per-image 0/1 mask `[B, 1, 1, 1]`: `a` where the mask is 1.
 */
export function blendByMask(mask: tf.Tensor, a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.add(tf.mul(mask, a), tf.mul(tf.sub(1, mask), b)));
}

/** `[B] → [B, 1, 1, 1]`, to broadcast a per-image factor over pixels and channels. */
export function perImage(t: tf.Tensor1D): tf.Tensor4D {
  return tf.reshape(t, [t.shape[0], 1, 1, 1]);
}

/** Checks that `x` is a `[B, H, W, C]` image batch with C = 1 or 3, naming the caller. */
export function requireImages(x: tf.Tensor, where: string): asserts x is tf.Tensor4D {
  if (x.rank !== 4 || (x.shape[3] !== 1 && x.shape[3] !== 3)) {
    throw new Error(`${where}: expected images [B, H, W, C] with C = 1 or 3, got [${x.shape.join(', ')}]`);
  }
}

/** Checks that `p` is a probability, naming the argument. */
export function requireProbability(p: number, where: string): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`${where}: probability must be in [0, 1], got ${p}`);
}
