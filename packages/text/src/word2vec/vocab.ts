/** A word2vec vocabulary: words by descending count, and the corpus as word ids. */
export interface Word2VecVocab {
  /** Words, most frequent first (ties alphabetical). */
  readonly words: readonly string[];
  /** Count of each word in the training corpus. */
  readonly counts: Float64Array;
  /** Word → id. */
  readonly index: ReadonlyMap<string, number>;
}

/** A corpus as ids: `ids` holds every in-vocabulary word, sentence `s` is `ids[offsets[s]..offsets[s+1])`. */
export interface IndexedCorpus {
  readonly ids: Int32Array;
  readonly offsets: Int32Array;
}

/**
 * Counts words and keeps those seen at least `minCount` times (at most `maxVocab`, most frequent
 * first, ties broken alphabetically so that the ids are deterministic).
 */
export function buildVocab(sentences: Iterable<readonly string[]>, minCount: number, maxVocab = Infinity): Word2VecVocab {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const kept = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxVocab);
  return {
    words: kept.map(([w]) => w),
    counts: Float64Array.from(kept, ([, c]) => c),
    index: new Map(kept.map(([w], i) => [w, i])),
  };
}

/** Maps sentences to ids, dropping out-of-vocabulary words (as the original word2vec does). */
export function indexCorpus(sentences: Iterable<readonly string[]>, vocab: Word2VecVocab): IndexedCorpus {
  const ids: number[] = [];
  const offsets: number[] = [0];
  for (const s of sentences) {
    for (const w of s) {
      const id = vocab.index.get(w);
      if (id !== undefined) ids.push(id);
    }
    offsets.push(ids.length);
  }
  return { ids: Int32Array.from(ids), offsets: Int32Array.from(offsets) };
}
