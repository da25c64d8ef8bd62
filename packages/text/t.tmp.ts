import { Word2Vec } from './src/word2vec/word2vec.js';
import { mostSimilar } from './src/word2vec/similarity.js';
import { mobyDick } from './src/data/corpora.js';
import { splitWords } from './src/tokenize/word-split.js';
const docs = [...mobyDick().map((c) => c.text)];
const sentences = docs.flatMap((d) => d.split(/(?<=[.!?])\s+/)).map((s) => splitWords(s, { punctuation: false }));
console.log('words', sentences.reduce((a, s) => a + s.length, 0));
for (const mode of ['skipgram', 'cbow'] as const) {
  const m = Word2Vec.train(sentences, { mode, epochs: 1, onEpoch: (p) => console.log(mode, 'raw w/s', Math.round(p.words / p.seconds), 'eff w/s', Math.round(p.effectiveWords / p.seconds)) });
  console.log(mostSimilar(m, 'whale', 5).map((x) => x.word));
}
