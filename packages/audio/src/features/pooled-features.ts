import { tf } from '@pretext/core';
import type { FeatureMatrix } from './log-mel.js';

/**
 * Utterance-level features for a linear probe: the mean and the standard deviation over time of
 * each frame feature (`[mean₁…mean_d, std₁…std_d]`), one row per clip. The caller owns the tensor.
 *
 * @example
 * ```ts
 * const x = poolFeatures(clips.map((c) => mfcc(c.samples))); // [N, 26]
 * ```
 */
export function poolFeatures(matrices: readonly FeatureMatrix[]): tf.Tensor2D {
  if (matrices.length === 0) throw new Error('poolFeatures: no feature matrices');
  const d = matrices[0]!.dims;
  const out = new Float32Array(matrices.length * 2 * d);
  matrices.forEach((m, r) => {
    if (m.dims !== d) throw new Error(`poolFeatures: clip ${r} has ${m.dims} features per frame, clip 0 has ${d}`);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      let sq = 0;
      for (let f = 0; f < m.frames; f++) {
        const v = m.data[f * d + j]!;
        sum += v;
        sq += v * v;
      }
      const mean = sum / m.frames;
      out[r * 2 * d + j] = mean;
      out[r * 2 * d + d + j] = Math.sqrt(Math.max(0, sq / m.frames - mean * mean));
    }
  });
  return tf.tensor2d(out, [matrices.length, 2 * d]);
}
