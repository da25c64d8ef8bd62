import FFT from 'fft.js';

/** Framing options shared by the spectral front ends. */
export interface FrameOptions {
  /** Window length in samples (default 400: 25 ms at 16 kHz). */
  readonly windowLength?: number;
  /** Hop between frames in samples (default 160: 10 ms at 16 kHz). */
  readonly hopLength?: number;
  /** FFT size, a power of two ≥ windowLength (default: the next power of two). */
  readonly fftSize?: number;
  /** Pre-emphasis coefficient `y[n] = x[n] − a·x[n−1]` (default 0.97; 0 turns it off). */
  readonly preEmphasis?: number;
}

/** A power spectrogram: `frames × bins` values, row-major. */
export interface PowerSpectrogram {
  readonly data: Float32Array;
  readonly frames: number;
  /** `fftSize / 2 + 1`. */
  readonly bins: number;
  readonly fftSize: number;
}

/** Frame settings with defaults filled and checked. */
export function frameSettings(options: FrameOptions): Required<FrameOptions> {
  const windowLength = options.windowLength ?? 400;
  const hopLength = options.hopLength ?? 160;
  const fftSize = options.fftSize ?? 2 ** Math.ceil(Math.log2(windowLength));
  const preEmphasis = options.preEmphasis ?? 0.97;
  if (!(Number.isInteger(windowLength) && windowLength > 1)) throw new Error(`windowLength must be an integer > 1, got ${windowLength}`);
  if (!(Number.isInteger(hopLength) && hopLength > 0)) throw new Error(`hopLength must be a positive integer, got ${hopLength}`);
  if (!(fftSize >= windowLength && (fftSize & (fftSize - 1)) === 0 && fftSize >= 4)) {
    throw new Error(`fftSize must be a power of two ≥ windowLength (${windowLength}), got ${fftSize}`);
  }
  if (!(preEmphasis >= 0 && preEmphasis < 1)) throw new Error(`preEmphasis must be in [0, 1), got ${preEmphasis}`);
  return { windowLength, hopLength, fftSize, preEmphasis };
}

/**
 * Short-time power spectrum |STFT|² of a mono signal with `fft.js` (radix-4 real FFT): optional
 * pre-emphasis, Hamming-windowed frames every `hopLength` samples (a signal shorter than one
 * window gives one zero-padded frame).
 */
export function powerSpectrogram(samples: Float32Array, options: FrameOptions = {}): PowerSpectrogram {
  const { windowLength, hopLength, fftSize, preEmphasis } = frameSettings(options);
  const x = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) x[i] = samples[i]! - (i > 0 ? preEmphasis * samples[i - 1]! : 0);
  const frames = Math.max(1, 1 + Math.floor((x.length - windowLength) / hopLength));
  const bins = fftSize / 2 + 1;
  const window = Float64Array.from({ length: windowLength }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (windowLength - 1)));
  const fft = new FFT(fftSize);
  const input = new Float64Array(fftSize);
  const out = fft.createComplexArray() as number[];
  const data = new Float32Array(frames * bins);
  for (let f = 0; f < frames; f++) {
    input.fill(0);
    const start = f * hopLength;
    for (let i = 0; i < windowLength && start + i < x.length; i++) input[i] = x[start + i]! * window[i]!;
    fft.realTransform(out, input);
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k]!;
      const im = out[2 * k + 1]!;
      data[f * bins + k] = re * re + im * im;
    }
  }
  return { data, frames, bins, fftSize };
}
