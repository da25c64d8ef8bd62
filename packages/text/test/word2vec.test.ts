import { describe, expect, it } from 'vitest';
import { analogy, mostSimilar, parseWord2VecText, similarity, toWord2VecText, unigramTable, keepThresholds, Word2Vec } from '../src/index.js';

/** A synthetic corpus with two topics whose words only co-occur within their topic. */
function corpus(n: number): string[][] {
  const animals = ['cat', 'dog', 'horse', 'cow', 'sheep'];
  const tools = ['hammer', 'saw', 'drill', 'wrench', 'chisel'];
  const out: string[][] = [];
  let x = 12345;
  const next = (k: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % k;
  };
  for (let i = 0; i < n; i++) {
    const topic = i % 2 === 0 ? animals : tools;
    out.push(Array.from({ length: 10 }, () => topic[next(5)]!));
  }
  return out;
}

describe('word2vec', () => {
  it('unigram^0.75 table and subsampling thresholds', () => {
    const t = unigramTable([81, 1], 1 << 16);
    const share = t.filter((w) => w === 0).length / t.length;
    expect(share).toBeCloseTo(27 / 28, 2);
    const k = keepThresholds([1000, 1], 1001, 1e-3);
    expect(k[1]).toBe(4294967296);
    expect(k[0]! / 4294967296).toBeCloseTo((Math.sqrt(1000 / 1.001) + 1) * (1.001 / 1000), 6);
  });

  for (const mode of ['skipgram', 'cbow'] as const) {
    it(`${mode} separates co-occurring topics and is deterministic`, () => {
      const sentences = corpus(400);
      const opts = { mode, dim: 16, window: 3, epochs: 3, minCount: 1, sample: 0, seed: 3 };
      const m = Word2Vec.train(sentences, opts);
      expect(similarity(m, 'cat', 'dog')).toBeGreaterThan(similarity(m, 'cat', 'hammer') + 0.3);
      const near = mostSimilar(m, 'saw', 4).map((s) => s.word);
      expect(near.sort()).toEqual(['chisel', 'drill', 'hammer', 'wrench']);
      expect(m.stats!.words).toBe(3 * 4000);
      expect(Word2Vec.train(sentences, opts).vectors).toEqual(m.vectors);
    });
  }

  it('analogy by 3CosAdd and the word2vec text format', () => {
    const v = new Float32Array([1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0.9, 0, 0, 1, 0, 1.2, 0, 0, 0]);
    const m = new Word2Vec(['man', 'woman', 'king', 'queen', 'apple'].map(String), v.subarray(0, 20), 4);
    const text = toWord2VecText(m);
    expect(text.split('\n')[0]).toBe('5 4');
    const back = parseWord2VecText(text);
    expect(back.words).toEqual(m.words);
    expect(Array.from(back.vectors)).toEqual(Array.from(m.vectors).map((x) => Math.fround(Number(x.toPrecision(6)))));
    const m2 = new Word2Vec(['man', 'woman', 'king', 'queen'], new Float32Array([1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1]), 3);
    expect(analogy(m2, 'man', 'king', 'woman')[0]!.word).toBe('queen');
    expect(() => parseWord2VecText('2 3\na 1 2 3\nb 1 x 3\n', 'v.txt')).toThrow('v.txt:3');
  });
});
