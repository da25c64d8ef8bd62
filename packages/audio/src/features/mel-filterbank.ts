/** Hz → mel (HTK formula, O'Shaughnessy 1987). */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/** Mel → Hz (inverse of {@link hzToMel}). */
export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/**
 * Triangular mel filterbank: `bands` filters equally spaced on the mel scale between `fMin` and
 * `fMax`, each rising from its left neighbour's centre to its own and falling to its right
 * neighbour's, peak 1. Returns `bands × (fftSize/2 + 1)` weights, row-major.
 */
export function melFilterbank(bands: number, fftSize: number, sampleRate: number, fMin = 0, fMax = sampleRate / 2): Float32Array {
  if (!(Number.isInteger(bands) && bands > 0)) throw new Error(`melFilterbank: bands must be a positive integer, got ${bands}`);
  if (!(fMin >= 0 && fMax > fMin && fMax <= sampleRate / 2)) {
    throw new Error(`melFilterbank: need 0 ≤ fMin < fMax ≤ ${sampleRate / 2} Hz, got ${fMin}–${fMax}`);
  }
  const bins = fftSize / 2 + 1;
  const lo = hzToMel(fMin);
  const hi = hzToMel(fMax);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (bands + 1)));
  const weights = new Float32Array(bands * bins);
  for (let b = 0; b < bands; b++) {
    const [left, centre, right] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    for (let k = 0; k < bins; k++) {
      const f = (k * sampleRate) / fftSize;
      const w = f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre);
      if (w > 0) weights[b * bins + k] = w;
    }
  }
  return weights;
}
