import { tf } from '@pretext/core';

/**
 * Crops or zero-pads one clip to exactly `length` samples, centred: a longer clip keeps its
 * middle, a shorter one gets equal silence on both sides.
 */
export function fitLength(samples: Float32Array, length: number): Float32Array {
  if (!(Number.isInteger(length) && length > 0)) throw new Error(`fitLength: length must be a positive integer, got ${length}`);
  if (samples.length === length) return Float32Array.from(samples);
  const out = new Float32Array(length);
  if (samples.length > length) {
    const start = Math.floor((samples.length - length) / 2);
    out.set(samples.subarray(start, start + length));
  } else {
    out.set(samples, Math.floor((length - samples.length) / 2));
  }
  return out;
}

/**
 * Stacks clips into the `wave` tensor audio objectives read: `[N, length]` float32, each clip
 * centred and cropped or zero-padded by {@link fitLength}. The caller owns the tensor.
 */
export function stackWaves(clips: readonly { readonly samples: Float32Array }[], length: number): tf.Tensor2D {
  const data = new Float32Array(clips.length * length);
  clips.forEach((c, i) => data.set(fitLength(c.samples, length), i * length));
  return tf.tensor2d(data, [clips.length, length]);
}
