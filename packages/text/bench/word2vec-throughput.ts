/**
 * word2vec training throughput (words/s, one core) on Moby Dick + the SOTU addresses, with
 * gensim's defaults (dim 100, window 5, negative 5, sample 1e-3), for skip-gram and CBOW.
 * Reference: gensim's published single-worker figure of ~185k words/s; target ≥ 100k words/s.
 *
 *   npx tsx --conditions development packages/text/bench/word2vec-throughput.ts [epochs=3]
 *
 * "raw" counts every in-vocabulary corpus word processed (what the C tool reports); "effective"
 * counts the words left after frequent-word subsampling (what gensim calls effective words).
 */
import { buildVocab, indexCorpus, mobyDick, sotu, splitWords, Word2Vec } from '../src/index.js';
import { wasmSgnsAvailable } from '../src/word2vec/sgns-wasm.js';

const epochs = Number(process.argv[2] ?? 3);
const docs = [...mobyDick().map((c) => c.text), ...sotu().map((s) => s.text)];
const sentences = docs.flatMap((d) => d.split(/(?<=[.!?])\s+/)).map((s) => splitWords(s, { punctuation: false }));
const vocab = buildVocab(sentences, 5);
const corpus = indexCorpus(sentences, vocab);
console.log(`corpus: ${corpus.ids.length} in-vocabulary words, ${vocab.words.length} words in the vocabulary, ${epochs} epochs`);
console.log(`kernel: ${wasmSgnsAvailable() ? 'WebAssembly SIMD' : 'JavaScript (no WebAssembly SIMD here)'}`);
const rows: Record<string, string | number>[] = [];
for (const mode of ['skipgram', 'cbow'] as const) {
  // Warm-up pass so that the JIT has compiled the kernel before timing.
  Word2Vec.trainIndexed(vocab, { ids: corpus.ids.subarray(0, 200_000), offsets: Int32Array.from([0, 200_000]) }, { mode, epochs: 1 });
  const m = Word2Vec.trainIndexed(vocab, corpus, { mode, epochs, seed: 1 });
  const s = m.stats!;
  rows.push({ mode, seconds: s.seconds.toFixed(1), 'raw words/s': Math.round(s.words / s.seconds), 'effective words/s': Math.round(s.effectiveWords / s.seconds), 'vs gensim 185k': `${((s.words / s.seconds / 185_000) * 100).toFixed(0)} %`, 'target 100k': s.words / s.seconds >= 100_000 ? 'met' : 'missed' });
}
console.table(rows);
