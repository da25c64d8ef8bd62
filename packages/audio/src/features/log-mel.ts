import { melFilterbank } from './mel-filterbank.js';
import { powerSpectrogram, type FrameOptions } from './power-spectrogram.js';

/** Options of {@link logMelSpectrogram}. */
export interface LogMelOptions extends FrameOptions {
  /** Sample rate of the signal in Hz (default 16 000). */
  readonly sampleRate?: number;
  /** Mel bands (default 40). */
  readonly melBands?: number;
  /** Lowest filter edge in Hz (default 20). */
  readonly fMin?: number;
  /** Highest filter edge in Hz (default: Nyquist). */
  readonly fMax?: number;
  /** Floor added before the log (default 1e-10). */
  readonly floor?: number;
}

/** A time × feature matrix, row-major. */
export interface FeatureMatrix {
  readonly data: Float32Array;
  readonly frames: number;
  /** Features per frame. */
  readonly dims: number;
}

/**
 * Log-mel spectrogram, the classic speech front end: `log(melFilterbank · |STFT|² + floor)`,
 * 25 ms Hamming windows every 10 ms at 16 kHz by default. Frames × bands.
 */
export function logMelSpectrogram(samples: Float32Array, options: LogMelOptions = {}): FeatureMatrix {
  const sampleRate = options.sampleRate ?? 16_000;
  const bands = options.melBands ?? 40;
  const floor = options.floor ?? 1e-10;
  const spec = powerSpectrogram(samples, options);
  const fb = melFilterbank(bands, spec.fftSize, sampleRate, options.fMin ?? 20, options.fMax ?? sampleRate / 2);
  const data = new Float32Array(spec.frames * bands);
  for (let f = 0; f < spec.frames; f++) {
    for (let b = 0; b < bands; b++) {
      let acc = 0;
      for (let k = 0; k < spec.bins; k++) acc += fb[b * spec.bins + k]! * spec.data[f * spec.bins + k]!;
      data[f * bands + b] = Math.log(acc + floor);
    }
  }
  return { data, frames: spec.frames, dims: bands };
}
