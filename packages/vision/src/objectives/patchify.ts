import { tf } from '@pretext/core';

/**
 * Cuts images `[B, H, W, C]` into non-overlapping `p × p` patches, flattened in the same
 * row-major order as a ViT's strided patch embedding: `[B, (H/p)·(W/p), p·p·C]`, each patch's
 * values ordered (row, column, channel). Uses only rank-4 transposes (fast on every backend).
 */
export function patchify(x: tf.Tensor4D, p: number): tf.Tensor3D {
  const [b, h, w, c] = x.shape;
  if (h % p !== 0 || w % p !== 0) throw new Error(`patchify: patch size ${p} must divide the image size ${h}×${w}`);
  const gh = h / p;
  const gw = w / p;
  return tf.tidy(() => {
    // [B·gh, p, gw, p·C] → [B·gh, gw, p, p·C] → [B, gh·gw, p·p·C]
    const rows = tf.reshape(x, [b * gh, p, gw, p * c]);
    return tf.reshape(tf.transpose(rows, [0, 2, 1, 3]), [b, gh * gw, p * p * c]);
  });
}
