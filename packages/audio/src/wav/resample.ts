/** Options of {@link resample}. */
export interface ResampleOptions {
  /**
   * Zero crossings of the windowed-sinc kernel on each side (default 16): more is a sharper
   * anti-aliasing filter and a slower resampler.
   */
  readonly zeroCrossings?: number;
  /** Cut-off as a fraction of the lower of the two Nyquist frequencies (default 0.95). */
  readonly rolloff?: number;
}

/**
 * Band-limited resampling by windowed-sinc interpolation (Hann-windowed sinc, as in
 * Smith's "Digital Audio Resampling"). When downsampling, the sinc is widened so that its cut-off
 * sits below the TARGET Nyquist frequency: that is the anti-aliasing low-pass filter, applied in
 * the same pass as the interpolation. Output length is `round(n · to / from)`.
 *
 * @param samples mono input.
 * @param from input rate in Hz.
 * @param to output rate in Hz.
 */
export function resample(samples: Float32Array, from: number, to: number, options: ResampleOptions = {}): Float32Array {
  if (!(from > 0 && to > 0)) throw new Error(`resample: rates must be > 0, got ${from} → ${to}`);
  if (from === to) return Float32Array.from(samples);
  const zeros = options.zeroCrossings ?? 16;
  const rolloff = options.rolloff ?? 0.95;
  if (!(Number.isInteger(zeros) && zeros > 0)) throw new Error(`resample: zeroCrossings must be a positive integer, got ${zeros}`);
  if (!(rolloff > 0 && rolloff <= 1)) throw new Error(`resample: rolloff must be in (0, 1], got ${rolloff}`);
  const n = samples.length;
  const outLength = Math.round((n * to) / from);
  const out = new Float32Array(outLength);
  // Cut-off in cycles per INPUT sample (0.5 = input Nyquist), lowered to the output's when downsampling.
  const cutoff = 0.5 * rolloff * Math.min(1, to / from);
  const halfWidth = zeros / (2 * cutoff); // kernel half-width in input samples
  const step = from / to;
  for (let j = 0; j < outLength; j++) {
    const t = j * step; // position in input samples
    const lo = Math.max(0, Math.ceil(t - halfWidth));
    const hi = Math.min(n - 1, Math.floor(t + halfWidth));
    let acc = 0;
    for (let i = lo; i <= hi; i++) {
      const d = t - i;
      const window = 0.5 + 0.5 * Math.cos((Math.PI * d) / halfWidth);
      acc += samples[i]! * 2 * cutoff * sinc(2 * cutoff * d) * window;
    }
    out[j] = acc;
  }
  return out;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}
