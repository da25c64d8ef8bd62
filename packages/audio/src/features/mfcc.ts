import { logMelSpectrogram, type FeatureMatrix, type LogMelOptions } from './log-mel.js';

/** Options of {@link mfcc}. */
export interface MfccOptions extends LogMelOptions {
  /** Cepstral coefficients kept, c0 included (default 13). */
  readonly coefficients?: number;
}

/**
 * Mel-frequency cepstral coefficients (Davis and Mermelstein 1980): the orthonormal DCT-II of
 * each log-mel frame, first `coefficients` kept (c0 is the log energy). Frames × coefficients.
 */
export function mfcc(samples: Float32Array, options: MfccOptions = {}): FeatureMatrix {
  const mel = logMelSpectrogram(samples, options);
  const n = mel.dims;
  const keep = options.coefficients ?? 13;
  if (!(Number.isInteger(keep) && keep > 0 && keep <= n)) throw new Error(`mfcc: coefficients must be an integer in [1, ${n}], got ${keep}`);
  const basis = new Float64Array(keep * n);
  for (let k = 0; k < keep; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / n);
    for (let i = 0; i < n; i++) basis[k * n + i] = scale * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
  }
  const data = new Float32Array(mel.frames * keep);
  for (let f = 0; f < mel.frames; f++) {
    for (let k = 0; k < keep; k++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += basis[k * n + i]! * mel.data[f * n + i]!;
      data[f * keep + k] = acc;
    }
  }
  return { data, frames: mel.frames, dims: keep };
}
