import { describe, expect, it } from 'vitest';
import { trainSentences, type KernelState } from '../src/word2vec/sgns-kernel.js';
import { WasmSgnsRun, wasmSgnsAvailable } from '../src/word2vec/sgns-wasm.js';
import { keepThresholds, unigramTable } from '../src/index.js';

/**
 * A Zipf-like corpus of ids: three topics of 20 words each plus 5 shared frequent words (so that
 * subsampling drops some), 12-word sentences, one topic per sentence.
 */
function corpus(sentences: number): { ids: Int32Array; offsets: Int32Array; vocab: number } {
  const shared = 5;
  const perTopic = 20;
  let x = 987654321;
  const rand = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
  /** Id k of n with probability ∝ log((k + 2) / (k + 1)), roughly 1/k. */
  const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** rand()) - 1);
  const ids: number[] = [];
  const offsets = [0];
  for (let s = 0; s < sentences; s++) {
    const topic = s % 3;
    for (let k = 0; k < 12; k++) ids.push(rand() < 0.3 ? zipf(shared) : shared + topic * perTopic + zipf(perTopic));
    offsets.push(ids.length);
  }
  return { ids: Int32Array.from(ids), offsets: Int32Array.from(offsets), vocab: shared + 3 * perTopic };
}

/** The initial state of a run, as `Word2Vec.trainIndexed` builds it (small random syn0, zero syn1). */
function initialState(mode: 'skipgram' | 'cbow', vocab: number, ids: Int32Array, dim: number, epochs: number): KernelState {
  const counts = new Float64Array(vocab);
  for (const id of ids) counts[id]!++;
  const syn0 = new Float32Array(vocab * dim);
  let x = 42;
  for (let i = 0; i < syn0.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    syn0[i] = (x / 4294967296 - 0.5) / dim;
  }
  const alpha = mode === 'cbow' ? 0.05 : 0.025;
  return {
    mode, syn0, syn1: new Float32Array(vocab * dim), dim, window: 4, negative: 5,
    table: unigramTable(counts, 1 << 17), keep: keepThresholds(counts, ids.length, 1e-2),
    alpha0: alpha, totalWords: epochs * ids.length, processed: 0, effective: 0, alpha, rng: 7,
  };
}

function copyState(s: KernelState): KernelState {
  return { ...s, syn0: s.syn0.slice(), syn1: s.syn1.slice() };
}

/** Mean negative-sampling loss of (word, context) pairs at distance ≤ 2 with 5 fixed noise words each. */
function sgnsLoss(s: KernelState, ids: Int32Array): number {
  const { syn0, syn1, dim, table } = s;
  const dot = (a: number, b: number) => {
    let f = 0;
    for (let k = 0; k < dim; k++) f += syn0[a * dim + k]! * syn1[b * dim + k]!;
    return f;
  };
  const logSigmoid = (f: number) => -Math.log1p(Math.exp(-f));
  let x = 99;
  let loss = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i += 7) {
    for (let c = Math.max(0, i - 2); c <= Math.min(ids.length - 1, i + 2); c++) {
      if (c === i) continue;
      loss -= logSigmoid(dot(ids[c]!, ids[i]!));
      for (let n = 0; n < 5; n++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        loss -= logSigmoid(-dot(ids[c]!, table[x & (table.length - 1)]!));
      }
      pairs++;
    }
  }
  return loss / pairs;
}

/** Cosine of row `i` of `a` and row `i` of `b`. */
function rowCosine(a: Float32Array, b: Float32Array, i: number, dim: number): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < dim; k++) {
    ab += a[i * dim + k]! * b[i * dim + k]!;
    aa += a[i * dim + k]! ** 2;
    bb += b[i * dim + k]! ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += Math.abs(a[i]! - b[i]!);
  return t / a.length;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('word2vec WebAssembly SIMD kernel vs the JavaScript kernel', () => {
  it('is available in Node', () => {
    expect(wasmSgnsAvailable()).toBe(true);
  });

  // dim 22: the 8-wide, 4-wide and scalar parts of the SIMD loops; dim 3: the scalar part only.
  for (const mode of ['skipgram', 'cbow'] as const) {
    for (const dim of [22, 3]) {
      it(`${mode}, dim ${dim}: the same random draws, nearly the same vectors and the same loss`, () => {
        const data = corpus(600);
        const epochs = 3;
        const sentences = data.offsets.length - 1;
        const js = initialState(mode, data.vocab, data.ids, dim, epochs);
        const wasm = copyState(js);
        const lossBefore = sgnsLoss(js, data.ids);
        const run = WasmSgnsRun.create(wasm, data.ids, data.offsets)!;

        // A few sentences: every update agrees up to float rounding (float32 against float64
        // sums, and now and then a neighbouring slot of the sigmoid table). Measured: the mean
        // difference is < 1e-4 of the mean change; reading the sigmoid one slot off gives > 6e-3.
        const syn0Before = js.syn0.slice();
        const syn1Before = js.syn1.slice();
        trainSentences(js, data.ids, data.offsets, 0, 5);
        run.trainSentences(0, 5);
        run.copyOut();
        for (const [a, b, before] of [[js.syn0, wasm.syn0, syn0Before], [js.syn1, wasm.syn1, syn1Before]] as const) {
          expect(meanAbsDiff(a, before)).toBeGreaterThan(1e-5);
          expect(meanAbsDiff(a, b)).toBeLessThan(1e-3 * meanAbsDiff(a, before));
          expect(maxAbsDiff(a, b)).toBeLessThan(1e-2 * maxAbsDiff(a, before));
        }

        // The rest of the run: subsampling, windows and noise words are drawn identically.
        trainSentences(js, data.ids, data.offsets, 5, sentences);
        run.trainSentences(5, sentences);
        for (let e = 1; e < epochs; e++) {
          trainSentences(js, data.ids, data.offsets, 0, sentences);
          run.trainSentences(0, sentences);
          expect([wasm.rng, wasm.processed, wasm.effective, wasm.alpha]).toEqual([js.rng, js.processed, js.effective, js.alpha]);
        }
        expect(js.effective).toBeLessThan(js.processed);
        run.copyOut();

        const lossJs = sgnsLoss(js, data.ids);
        const lossWasm = sgnsLoss(wasm, data.ids);
        // The whole run: the same loss (measured within 2e-5) and the same vectors (cosine > 0.99999).
        expect(lossJs).toBeLessThan(lossBefore - 1);
        expect(Math.abs(lossWasm - lossJs)).toBeLessThan(1e-3 * lossJs);
        for (let w = 0; w < data.vocab; w++) expect(rowCosine(js.syn0, wasm.syn0, w, dim)).toBeGreaterThan(0.9999);
      });
    }
  }
});
