import { Rng, tf } from '@pretext/core';

/**
 * `n` clips of `samples` samples at 16 kHz, each a sequence of 50 ms tone segments at seeded
 * frequencies (structure that predicting the future can exploit), `[n, samples]`.
 */
export function toneClips(n: number, samples: number, seed: number): tf.Tensor2D {
  const rng = new Rng(seed);
  const data = new Float32Array(n * samples);
  for (let i = 0; i < n; i++) {
    let hz = 0;
    for (let t = 0; t < samples; t++) {
      if (t % 800 === 0) hz = 200 + rng.int(8) * 250;
      data[i * samples + t] = 0.5 * Math.sin((2 * Math.PI * hz * t) / 16000) + 0.01 * rng.normal();
    }
  }
  return tf.tensor2d(data, [n, samples]);
}
