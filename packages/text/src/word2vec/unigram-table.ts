/**
 * The negative-sampling noise distribution of word2vec, P(w) ∝ count(w)^power (power 0.75,
 * Mikolov et al. 2013), as a lookup table of word ids: a uniform index into it draws a word with
 * that probability (the original C implementation's `InitUnigramTable`).
 *
 * @param counts count per word id.
 * @param size table length (precision of the distribution: ≥ 100 slots per word is plenty).
 */
export function unigramTable(counts: ArrayLike<number>, size: number, power = 0.75): Int32Array {
  const n = counts.length;
  if (n === 0) throw new Error('unigramTable: empty vocabulary');
  const table = new Int32Array(size);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.pow(counts[i]!, power);
  let w = 0;
  let cumulative = Math.pow(counts[0]!, power) / total;
  for (let a = 0; a < size; a++) {
    table[a] = w;
    if ((a + 1) / size > cumulative && w < n - 1) {
      w++;
      cumulative += Math.pow(counts[w]!, power) / total;
    }
  }
  return table;
}

/**
 * Frequent-word subsampling (Mikolov et al. 2013, as in the C code): word w with relative
 * frequency f is KEPT with probability `min(1, (√(f/t) + 1) · t/f)`. Returned as uint32
 * thresholds: keep when a uniform uint32 draw is below the threshold. `t = 0` keeps everything.
 */
export function keepThresholds(counts: ArrayLike<number>, totalWords: number, t: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    const p = t > 0 ? (Math.sqrt(c / (t * totalWords)) + 1) * ((t * totalWords) / c) : 1;
    out[i] = Math.min(1, p) * 4294967296;
  }
  return out;
}
