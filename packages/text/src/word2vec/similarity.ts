import type { Word2Vec } from './word2vec.js';

/** A word and its cosine similarity to a query. */
export interface SimilarWord {
  readonly word: string;
  readonly similarity: number;
}

/**
 * The `topN` words closest (cosine) to `query`: a word (itself excluded) or a vector. Words in
 * `exclude` are skipped. Unknown query words throw.
 */
export function mostSimilar(model: Word2Vec, query: string | Float32Array, topN = 10, exclude: readonly string[] = []): SimilarWord[] {
  const dim = model.dim;
  const q = typeof query === 'string' ? requireVector(model, query) : Float32Array.from(query);
  if (q.length !== dim) throw new Error(`mostSimilar: query has ${q.length} dims, the model ${dim}`);
  let n = 0;
  for (let k = 0; k < dim; k++) n += q[k]! * q[k]!;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  const skip = new Set(exclude);
  if (typeof query === 'string') skip.add(query);
  const unit = model.unitVectors();
  const best: SimilarWord[] = [];
  for (let i = 0; i < model.vocabSize; i++) {
    const word = model.words[i]!;
    if (skip.has(word)) continue;
    let s = 0;
    const off = i * dim;
    for (let k = 0; k < dim; k++) s += unit[off + k]! * q[k]!;
    s *= inv;
    if (best.length < topN || s > best[best.length - 1]!.similarity) {
      best.push({ word, similarity: s });
      best.sort((a, b) => b.similarity - a.similarity);
      if (best.length > topN) best.pop();
    }
  }
  return best;
}

/**
 * Solves the analogy `a : b :: c : ?` by 3CosAdd (Mikolov et al. 2013): the words closest to
 * `unit(b) − unit(a) + unit(c)`, excluding a, b and c. E.g. `analogy(m, 'man', 'king', 'woman')`.
 */
export function analogy(model: Word2Vec, a: string, b: string, c: string, topN = 1): SimilarWord[] {
  const [va, vb, vc] = [a, b, c].map((w) => unit(requireVector(model, w)));
  const q = new Float32Array(model.dim);
  for (let k = 0; k < model.dim; k++) q[k] = vb![k]! - va![k]! + vc![k]!;
  return mostSimilar(model, q, topN, [a, b, c]);
}

/** Cosine similarity of two words. */
export function similarity(model: Word2Vec, a: string, b: string): number {
  const [va, vb] = [unit(requireVector(model, a)), unit(requireVector(model, b))];
  let s = 0;
  for (let k = 0; k < model.dim; k++) s += va[k]! * vb[k]!;
  return s;
}

function requireVector(model: Word2Vec, word: string): Float32Array {
  const v = model.vector(word);
  if (!v) throw new Error(`word2vec: '${word}' is not in the vocabulary (${model.vocabSize} words)`);
  return v;
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * inv);
}
