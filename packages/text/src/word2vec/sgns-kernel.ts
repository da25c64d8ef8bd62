const EXP_TABLE_SIZE = 1000;
const MAX_EXP = 6;
/** Longest run of words trained as one sentence (longer sentences are cut), as in the C code. */
export const MAX_SENTENCE = 1000;

/**
 * σ(x) tabulated on [−6, 6] as in the original word2vec C code, plus one slot for f = 6 exactly
 * (which the C code would read past its table). The WebAssembly kernel reads a copy of it.
 */
export const EXP_TABLE = (() => {
  const t = new Float32Array(EXP_TABLE_SIZE + 1);
  for (let i = 0; i <= EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    t[i] = e / (e + 1);
  }
  return t;
})();

/** The mutable state of a word2vec run, shared by its passes. */
export interface KernelState {
  /** `'skipgram'` or `'cbow'`. */
  readonly mode: 'skipgram' | 'cbow';
  /** Input (word) vectors, `[V, dim]` row-major. */
  readonly syn0: Float32Array;
  /** Output (context) vectors of negative sampling, `[V, dim]`. */
  readonly syn1: Float32Array;
  readonly dim: number;
  readonly window: number;
  readonly negative: number;
  /** Noise table (see `unigramTable`). */
  readonly table: Int32Array;
  /** Subsampling keep thresholds as uint32 (see `keepThresholds`). */
  readonly keep: Float64Array;
  /** Starting learning rate; it decays linearly to `alpha0 · 1e-4` over `totalWords`. */
  readonly alpha0: number;
  /** Raw words of the whole run (epochs × corpus words), for the schedule. */
  readonly totalWords: number;
  /** Raw words processed so far. */
  processed: number;
  /** Words kept by subsampling and trained on so far. */
  effective: number;
  /** The current learning rate. */
  alpha: number;
  /** xorshift32 state (non-zero). */
  rng: number;
}

/**
 * One pass over sentences `[from, to)` of a corpus, updating `syn0`/`syn1` in place: frequent-word
 * subsampling, a reduced random window per word, and per (center, context) pair one positive and
 * `negative` noise targets from the unigram^0.75 table — skip-gram or CBOW (context mean), as in
 * Mikolov et al.'s C implementation, whose update order and tabulated sigmoid it follows.
 *
 * The portable kernel: `Word2Vec` runs the WebAssembly SIMD port of this loop
 * (`assembly/sgns-kernel.ts`, via `WasmSgnsRun`) where it can, and this one otherwise; the tests
 * hold the two to the same random draws and nearly the same vectors.
 */
export function trainSentences(s: KernelState, ids: Int32Array, offsets: Int32Array, from: number, to: number): void {
  const { syn0, syn1, dim, window, negative, table, keep, alpha0, totalWords, mode } = s;
  const tableMask = table.length - 1;
  if ((table.length & tableMask) !== 0) throw new Error('trainSentences: the unigram table length must be a power of two');
  const sen = new Int32Array(MAX_SENTENCE);
  const neu1 = new Float32Array(dim);
  const neu1e = new Float32Array(dim);
  const noise = new Int32Array(2 * window * negative);
  const minAlpha = alpha0 * 1e-4;
  let x = s.rng | 0 || 1;
  let alpha = s.alpha;
  let processed = s.processed;
  let effective = s.effective;
  let lastUpdate = processed;
  for (let si = from; si < to; si++) {
    const end = offsets[si + 1]!;
    for (let chunk = offsets[si]!; chunk < end; chunk += MAX_SENTENCE) {
      const stop = Math.min(end, chunk + MAX_SENTENCE);
      let len = 0;
      for (let k = chunk; k < stop; k++) {
        const w = ids[k]!;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        if ((x >>> 0) < keep[w]!) sen[len++] = w;
      }
      processed += stop - chunk;
      effective += len;
      if (processed - lastUpdate > 10000) {
        alpha = Math.max(minAlpha, alpha0 * (1 - processed / (totalWords + 1)));
        lastUpdate = processed;
      }
      for (let pos = 0; pos < len; pos++) {
        const word = sen[pos]!;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        const b = (x >>> 0) % window;
        const lo = Math.max(0, pos - window + b);
        const hi = Math.min(len - 1, pos + window - b);
        // The word's noise words, drawn up front in the order the loops below take them (the
        // same draws as drawing each where it is used): the cache misses of their lookups in the
        // large table then overlap instead of stalling one by one. CBOW draws none without context.
        const noiseCount = mode === 'skipgram' ? (hi - lo) * negative : hi > lo ? negative : 0;
        for (let i = 0; i < noiseCount; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          noise[i] = table[(x >>> 0) & tableMask]!;
        }
        let next = 0;
        if (mode === 'skipgram') {
          for (let c = lo; c <= hi; c++) {
            if (c === pos) continue;
            const l1 = sen[c]! * dim;
            neu1e.fill(0);
            for (let d = 0; d <= negative; d++) {
              let target: number;
              let label: number;
              if (d === 0) {
                target = word;
                label = 1;
              } else {
                target = noise[next++]!;
                if (target === word) continue;
                label = 0;
              }
              const l2 = target * dim;
              const g = gradient(dot(syn0, l1, syn1, l2, dim), label, alpha);
              for (let k = 0; k < dim; k++) {
                const u = syn1[l2 + k]!;
                neu1e[k]! += g * u;
                syn1[l2 + k] = u + g * syn0[l1 + k]!;
              }
            }
            for (let k = 0; k < dim; k++) syn0[l1 + k]! += neu1e[k]!;
          }
        } else {
          neu1.fill(0);
          neu1e.fill(0);
          let cw = 0;
          for (let c = lo; c <= hi; c++) {
            if (c === pos) continue;
            const l1 = sen[c]! * dim;
            for (let k = 0; k < dim; k++) neu1[k]! += syn0[l1 + k]!;
            cw++;
          }
          if (cw === 0) continue;
          for (let k = 0; k < dim; k++) neu1[k]! /= cw;
          for (let d = 0; d <= negative; d++) {
            let target: number;
            let label: number;
            if (d === 0) {
              target = word;
              label = 1;
            } else {
              target = noise[next++]!;
              if (target === word) continue;
              label = 0;
            }
            const l2 = target * dim;
            const g = gradient(dot(neu1, 0, syn1, l2, dim), label, alpha);
            for (let k = 0; k < dim; k++) {
              const u = syn1[l2 + k]!;
              neu1e[k]! += g * u;
              syn1[l2 + k] = u + g * neu1[k]!;
            }
          }
          for (let c = lo; c <= hi; c++) {
            if (c === pos) continue;
            const l1 = sen[c]! * dim;
            for (let k = 0; k < dim; k++) syn0[l1 + k]! += neu1e[k]!;
          }
        }
      }
    }
  }
  s.rng = x;
  s.alpha = alpha;
  s.processed = processed;
  s.effective = effective;
}

const EXP_SCALE = EXP_TABLE_SIZE / MAX_EXP / 2;

/** (label − σ(f)) · alpha with the tabulated sigmoid, saturating outside [−6, 6]. */
function gradient(f: number, label: number, alpha: number): number {
  if (f > MAX_EXP) return (label - 1) * alpha;
  if (f < -MAX_EXP) return label * alpha;
  return (label - EXP_TABLE[((f + MAX_EXP) * EXP_SCALE) | 0]!) * alpha;
}

/** Dot product of `a[ao..ao+n)` and `b[bo..bo+n)`, four accumulators. */
function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[ao + k]! * b[bo + k]!;
    s1 += a[ao + k + 1]! * b[bo + k + 1]!;
    s2 += a[ao + k + 2]! * b[bo + k + 2]!;
    s3 += a[ao + k + 3]! * b[bo + k + 3]!;
  }
  for (; k < n; k++) s0 += a[ao + k]! * b[bo + k]!;
  return s0 + s1 + s2 + s3;
}
