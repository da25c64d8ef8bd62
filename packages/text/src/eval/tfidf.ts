import { linearProbe, tf, type LinearProbeOptions } from '@pretext/core';
import { splitWords } from '../tokenize/word-split.js';

/** Options of {@link TfIdfVectorizer.fit}. */
export interface TfIdfOptions {
  /** Keep the terms in the most documents, at most this many (default 5000). */
  readonly maxFeatures?: number;
  /** Ignore terms in fewer documents (default 2). */
  readonly minDf?: number;
  /** Use 1 + log(tf) instead of raw counts (default true). */
  readonly sublinearTf?: boolean;
}

/**
 * TF-IDF features (Spärck Jones 1972) with scikit-learn's conventions: smooth idf
 * `ln((1 + N) / (1 + df)) + 1`, optional sublinear tf, rows L2-normalised; words from
 * {@link splitWords} without punctuation.
 */
export class TfIdfVectorizer {
  readonly terms: readonly string[];
  readonly idf: Float32Array;
  readonly sublinearTf: boolean;
  private readonly index: Map<string, number>;

  private constructor(terms: string[], idf: Float32Array, sublinearTf: boolean) {
    this.terms = terms;
    this.idf = idf;
    this.sublinearTf = sublinearTf;
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  /** Learns the vocabulary and idf weights from `docs`. */
  static fit(docs: readonly string[], options: TfIdfOptions = {}): TfIdfVectorizer {
    const df = new Map<string, number>();
    for (const d of docs) for (const w of new Set(splitWords(d, { punctuation: false }))) df.set(w, (df.get(w) ?? 0) + 1);
    const terms = [...df.entries()]
      .filter(([, c]) => c >= (options.minDf ?? 2))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.maxFeatures ?? 5000);
    const n = docs.length;
    const idf = Float32Array.from(terms, ([, c]) => Math.log((1 + n) / (1 + c)) + 1);
    return new TfIdfVectorizer(terms.map(([w]) => w), idf, options.sublinearTf ?? true);
  }

  /** Features of `docs`, `[N, F]` row-major. */
  transform(docs: readonly string[]): Float32Array {
    const f = this.terms.length;
    const out = new Float32Array(docs.length * f);
    docs.forEach((d, i) => {
      const row = out.subarray(i * f, (i + 1) * f);
      for (const w of splitWords(d, { punctuation: false })) {
        const j = this.index.get(w);
        if (j !== undefined) row[j]! += 1;
      }
      let norm = 0;
      for (let j = 0; j < f; j++) {
        if (row[j]! > 0) row[j] = (this.sublinearTf ? 1 + Math.log(row[j]!) : row[j]!) * this.idf[j]!;
        norm += row[j]! * row[j]!;
      }
      if (norm > 0) for (let j = 0; j < f; j++) row[j]! /= Math.sqrt(norm);
    });
    return out;
  }
}

/** Labeled documents. */
export interface LabeledDocs {
  readonly texts: readonly string[];
  readonly labels: ArrayLike<number>;
}

/**
 * The classic baseline: TF-IDF features fitted on `train.texts` (or on `fitOn`, e.g. all
 * unlabeled training text) and L2-regularised multinomial logistic regression on them (core's
 * `linearProbe`, early-stopped). Returns the test accuracy.
 */
export async function tfidfLogisticRegression(
  train: LabeledDocs,
  test: LabeledDocs,
  options: { tfidf?: TfIdfOptions; probe?: Omit<LinearProbeOptions, 'test'>; fitOn?: readonly string[] } = {},
): Promise<number> {
  const vec = TfIdfVectorizer.fit(options.fitOn ?? train.texts, options.tfidf);
  const f = vec.terms.length;
  const xTrain = tf.tensor2d(vec.transform(train.texts), [train.texts.length, f]);
  const xTest = tf.tensor2d(vec.transform(test.texts), [test.texts.length, f]);
  try {
    // TF-IDF rows are sparse and unit-norm: no per-feature standardisation (a term seen in one
    // labeled mail would get a tiny std), a larger step and a weak-penalty grid, as liblinear's C ≈ 1–100.
    const probe = { standardize: false, learningRate: 0.05, l2: [1e-6, 1e-5, 1e-4], ...options.probe };
    const r = await linearProbe({ features: xTrain, labels: train.labels }, { ...probe, test: { features: xTest, labels: test.labels } });
    r.head.dispose();
    return r.testAccuracy;
  } finally {
    tf.dispose([xTrain, xTest]);
  }
}
