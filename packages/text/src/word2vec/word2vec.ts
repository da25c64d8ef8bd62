import { Rng } from '@pretext/core';
import { trainSentences, type KernelState } from './sgns-kernel.js';
import { WasmSgnsRun } from './sgns-wasm.js';
import { keepThresholds, unigramTable } from './unigram-table.js';
import { buildVocab, indexCorpus, type IndexedCorpus, type Word2VecVocab } from './vocab.js';

/** Options of {@link Word2Vec.train} (defaults: those of the original C tool and gensim). */
export interface Word2VecOptions {
  /** `'skipgram'` (default) or `'cbow'`. */
  readonly mode?: 'skipgram' | 'cbow';
  /** Vector size (default 100). */
  readonly dim?: number;
  /** Maximum context distance; each word draws a reduced window in [1, window] (default 5). */
  readonly window?: number;
  /** Noise words per positive pair (default 5). */
  readonly negative?: number;
  /** Subsampling threshold t (default 1e-3; 0 disables it). */
  readonly sample?: number;
  /** Starting learning rate (default 0.025 skip-gram, 0.05 CBOW), decayed linearly to 1e-4 of it. */
  readonly alpha?: number;
  /** Passes over the corpus (default 5). */
  readonly epochs?: number;
  /** Ignore words seen fewer times (default 5). */
  readonly minCount?: number;
  /** Keep at most this many words (most frequent). */
  readonly maxVocab?: number;
  /** Seed of the initialisation and of every random draw (default 1). */
  readonly seed?: number;
  /** Slots of the unigram noise table, rounded up to a power of two in [2^17, 2^24] (default 1000·V). */
  readonly tableSize?: number;
  /** Called after each epoch. */
  readonly onEpoch?: (report: Word2VecProgress) => void;
}

/** Progress of a word2vec run. */
export interface Word2VecProgress {
  readonly epoch: number;
  /** Raw corpus words processed so far (before subsampling). */
  readonly words: number;
  /** Words trained on (kept by subsampling). */
  readonly effectiveWords: number;
  readonly seconds: number;
  readonly alpha: number;
}

/**
 * word2vec (Mikolov, Chen, Corrado, Dean 2013, arXiv:1301.3781; negative sampling and
 * subsampling: Mikolov et al. 2013, arXiv:1310.4546): skip-gram or CBOW with negative sampling
 * from the unigram^0.75 distribution, frequent-word subsampling and a linearly decaying learning
 * rate, following the original C code: single-threaded, in a WebAssembly SIMD kernel where the
 * engine runs WebAssembly SIMD, else in a typed-array JavaScript loop (same algorithm and random
 * draws; the float rounding differs slightly). Deterministic for a seed on a given engine.
 *
 * @example
 * ```ts
 * const w2v = Word2Vec.train(sentences, { mode: 'skipgram', dim: 100, epochs: 5 });
 * w2v.mostSimilar('whale', 5);
 * ```
 */
export class Word2Vec {
  /** Words by id, most frequent first. */
  readonly words: readonly string[];
  /** Training count of each word (zeros for vectors loaded from text). */
  readonly counts: Float64Array;
  /** Word vectors (the input embeddings), `[V, dim]` row-major. */
  readonly vectors: Float32Array;
  readonly dim: number;
  /** Statistics of the run that trained it (absent for loaded vectors). */
  readonly stats: Word2VecProgress | undefined;
  private readonly index: Map<string, number>;
  private unitCache: Float32Array | undefined;

  constructor(words: readonly string[], vectors: Float32Array, dim: number, counts?: Float64Array, stats?: Word2VecProgress) {
    if (vectors.length !== words.length * dim) {
      throw new Error(`Word2Vec: ${vectors.length} values for ${words.length} words × ${dim} dims`);
    }
    this.words = [...words];
    this.vectors = vectors;
    this.dim = dim;
    this.counts = counts ?? new Float64Array(words.length);
    this.stats = stats;
    this.index = new Map(this.words.map((w, i) => [w, i]));
  }

  /** Trains on sentences (arrays of words; split documents with `splitWords`). */
  static train(sentences: readonly (readonly string[])[], options: Word2VecOptions = {}): Word2Vec {
    const vocab = buildVocab(sentences, options.minCount ?? 5, options.maxVocab);
    if (vocab.words.length === 0) throw new Error('Word2Vec.train: no word reaches minCount; lower minCount or give more text');
    return Word2Vec.trainIndexed(vocab, indexCorpus(sentences, vocab), options);
  }

  /** Trains on a corpus already mapped to the ids of `vocab` (the fast path of benchmarks). */
  static trainIndexed(vocab: Word2VecVocab, corpus: IndexedCorpus, options: Word2VecOptions = {}): Word2Vec {
    const mode = options.mode ?? 'skipgram';
    const dim = positiveInt(options.dim ?? 100, 'dim');
    const epochs = positiveInt(options.epochs ?? 5, 'epochs');
    const v = vocab.words.length;
    const rng = new Rng(options.seed ?? 1);
    const syn0 = new Float32Array(v * dim);
    for (let i = 0; i < syn0.length; i++) syn0[i] = (rng.next() - 0.5) / dim;
    const corpusWords = corpus.ids.length;
    const state: KernelState = {
      mode,
      syn0,
      syn1: new Float32Array(v * dim),
      dim,
      window: positiveInt(options.window ?? 5, 'window'),
      negative: nonNegativeInt(options.negative ?? 5, 'negative'),
      table: unigramTable(vocab.counts, tableSizeFor(options.tableSize ?? 1000 * v)),
      keep: keepThresholds(vocab.counts, corpusWords, options.sample ?? 1e-3),
      alpha0: options.alpha ?? (mode === 'cbow' ? 0.05 : 0.025),
      totalWords: epochs * corpusWords,
      processed: 0,
      effective: 0,
      alpha: options.alpha ?? (mode === 'cbow' ? 0.05 : 0.025),
      rng: rng.nextUint32() | 1,
    };
    const sentences = corpus.offsets.length - 1;
    const t0 = performance.now();
    let progress: Word2VecProgress | undefined;
    const wasmRun = WasmSgnsRun.create(state, corpus.ids, corpus.offsets);
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (wasmRun) wasmRun.trainSentences(0, sentences);
      else trainSentences(state, corpus.ids, corpus.offsets, 0, sentences);
      progress = { epoch, words: state.processed, effectiveWords: state.effective, seconds: (performance.now() - t0) / 1000, alpha: state.alpha };
      options.onEpoch?.(progress);
    }
    wasmRun?.copyOut();
    return new Word2Vec(vocab.words, syn0, dim, vocab.counts, progress);
  }

  /** Number of words. */
  get vocabSize(): number {
    return this.words.length;
  }

  /** The id of a word, or undefined. */
  idOf(word: string): number | undefined {
    return this.index.get(word);
  }

  /** A copy of a word's vector, or undefined when the word is unknown. */
  vector(word: string): Float32Array | undefined {
    const i = this.index.get(word);
    return i === undefined ? undefined : this.vectors.slice(i * this.dim, (i + 1) * this.dim);
  }

  /** Unit-length copies of all vectors (cached). */
  unitVectors(): Float32Array {
    if (!this.unitCache) {
      const u = new Float32Array(this.vectors);
      for (let i = 0; i < this.words.length; i++) normalizeRow(u, i * this.dim, this.dim);
      this.unitCache = u;
    }
    return this.unitCache;
  }
}

function normalizeRow(a: Float32Array, off: number, dim: number): void {
  let n = 0;
  for (let k = 0; k < dim; k++) n += a[off + k]! * a[off + k]!;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let k = 0; k < dim; k++) a[off + k]! *= inv;
}

function positiveInt(v: number, name: string): number {
  if (!(Number.isInteger(v) && v > 0)) throw new Error(`Word2Vec: ${name} must be a positive integer, got ${v}`);
  return v;
}

function nonNegativeInt(v: number, name: string): number {
  if (!(Number.isInteger(v) && v >= 0)) throw new Error(`Word2Vec: ${name} must be a non-negative integer, got ${v}`);
  return v;
}

/** The power of two nearest above `n`, clamped to [2^17, 2^24] (a mask replaces a modulo in the kernel). */
function tableSizeFor(n: number): number {
  return 2 ** Math.min(24, Math.max(17, Math.ceil(Math.log2(Math.max(1, n)))));
}
