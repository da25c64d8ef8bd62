import { tf } from '@pretext/core';

/**
 * Rotates the hue of RGB images `[B, H, W, 3]` in [0, 1] by `delta[b]` turns (a fraction of the
 * colour wheel; torchvision's `adjust_hue`), through HSV computed with tensor ops: value and
 * saturation are kept, hue wraps around.
 *
 * @param x - RGB images in [0, 1].
 * @param delta - `[B]` hue shift per image, in [−0.5, 0.5].
 */
export function shiftHue(x: tf.Tensor4D, delta: tf.Tensor1D): tf.Tensor4D {
  if (x.shape[3] !== 3) throw new Error(`shiftHue: expected RGB images [B, H, W, 3], got [${x.shape.join(', ')}]`);
  return tf.tidy(() => {
    const [r, g, b] = tf.split(x, 3, 3) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const v = tf.maximum(tf.maximum(r, g), b);
    const d = tf.sub(v, tf.minimum(tf.minimum(r, g), b));
    const s = tf.div(d, tf.maximum(v, 1e-12));
    const hasHue = tf.greater(d, 0);
    const safeD = tf.where(hasHue, d, tf.onesLike(d));
    // Sector of the maximum: red → (g − b)/d, green → (b − r)/d + 2, blue → (r − g)/d + 4.
    const hR = tf.div(tf.sub(g, b), safeD);
    const hG = tf.add(tf.div(tf.sub(b, r), safeD), 2);
    const hB = tf.add(tf.div(tf.sub(r, g), safeD), 4);
    const h6 = tf.where(tf.equal(v, r), hR, tf.where(tf.equal(v, g), hG, hB));
    let h = tf.div(tf.where(hasHue, h6, tf.zerosLike(h6)), 6);
    h = tf.add(h, tf.reshape(delta, [-1, 1, 1, 1]));
    h = tf.sub(h, tf.floor(h)); // wrap to [0, 1)
    // HSV → RGB: channel n ∈ {5, 3, 1} is v − v·s·clip(min(k, 4 − k), 0, 1), k = (n + 6h) mod 6.
    const channel = (n: number): tf.Tensor4D => {
      const k0 = tf.add(tf.mul(h, 6), n);
      const k = tf.sub(k0, tf.mul(tf.floor(tf.div(k0, 6)), 6));
      const f = tf.clipByValue(tf.minimum(k, tf.sub(4, k)), 0, 1);
      return tf.sub(v, tf.mul(tf.mul(v, s), f));
    };
    return tf.concat([channel(5), channel(3), channel(1)], 3);
  });
}
