import { tf } from '@pretext/core';
import { WordTokenizer } from '@pretext/text';
import { beforeAll, describe, expect, it } from 'vitest';
import { argmaxRows, bestRelevantRank, ensemblePromptEmbeddings, renderPrompt, retrievalRecall, zeroShotClassifier, type ZeroShotTowers } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

const s = Math.SQRT1_2;

describe('retrievalRecall (hand-checked)', () => {
  const queries = (): tf.Tensor2D => tf.tensor2d([[1, 0], [0, 1], [s, s]]);
  const items = (): tf.Tensor2D => tf.tensor2d([[1, 0], [0, 1], [-1, 0]]);

  it('pair relevance: query i ↔ item i', async () => {
    // Similarities: q0 [1, 0, -1] → item 0 first; q1 [0, 1, 0] → item 1 first; q2 [.71, .71, -.71] → item 2 third.
    const [q, i] = [queries(), items()];
    const r = await retrievalRecall(q, i, { by: 'pair' }, [1, 2, 3]);
    expect(r).toEqual({ queries: 3, items: 3, recall: { 1: 2 / 3, 2: 2 / 3, 3: 1 } });
    tf.dispose([q, i]);
  });

  it('label relevance: a query is a hit when ANY item of its class is in its top K', async () => {
    const [q, i] = [queries(), items()];
    // q0 (class 0) has items 0 and 1: item 0 is first. q1 (class 1) has item 2 only: scores [0, 1, 0], item 1 is better and item 0 ties
    // with item 2 at a lower index → rank 2. q2 (class 1): item 2 is last → rank 2.
    const r = await retrievalRecall(q, i, { by: 'label', queryLabels: [0, 1, 1], itemLabels: [0, 0, 1] }, [1, 2, 3]);
    expect(r.recall).toEqual({ 1: 1 / 3, 2: 1 / 3, 3: 1 });
    tf.dispose([q, i]);
  });

  it('pair ids: an image query is a hit when any of its captions is in the top K; embeddings are normalised', async () => {
    const q = tf.tensor2d([[3, 0], [0, 0.5]]); // lengths do not matter
    const i = tf.tensor2d([[0, 1], [0.9, 0.1], [0.1, 0.9], [1, 0]]);
    // Captions 0 and 2 describe image 1, captions 1 and 3 image 0. Image 0 ranks [3, 1, 2, 0]; image 1 ranks [0, 2, 1, 3].
    const r = await retrievalRecall(q, i, { by: 'pair', queryPairs: [0, 1], itemPairs: [1, 0, 1, 0] }, [1]);
    expect(r.recall[1]).toBe(1);
    const wrong = await retrievalRecall(q, i, { by: 'pair', queryPairs: [1, 0], itemPairs: [1, 0, 1, 0] }, [1, 2, 3]);
    expect(wrong.recall).toEqual({ 1: 0, 2: 0, 3: 1 });
    tf.dispose([q, i]);
  });

  it('breaks ties by item index and rejects bad relevance', async () => {
    expect(bestRelevantRank([0.5, 0.5, 0.5], 7, [1, 1, 7])).toBe(2);
    expect(bestRelevantRank([0.5, 0.5, 0.5], 1, [1, 1, 7])).toBe(0);
    expect(bestRelevantRank([0.2, 0.5, 0.5], 7, [7, 1, 7])).toBe(1); // item 2 ties item 1, which comes first
    expect(bestRelevantRank([0.5, 0.5], 3, [1, 2])).toBe(-1);
    const [q, i] = [queries(), items()];
    await expect(retrievalRecall(q, i, { by: 'label', queryLabels: [0, 1, 2], itemLabels: [0, 0, 1] })).rejects.toThrow(/query 2 has no relevant item/);
    await expect(retrievalRecall(q, i, { by: 'label', queryLabels: [0, 1], itemLabels: [0, 0, 1] })).rejects.toThrow(/queryLabels has 2 entries for 3 rows/);
    const fewer = tf.tensor2d([[1, 0]]);
    await expect(retrievalRecall(q, fewer, { by: 'pair' })).rejects.toThrow(/3 queries and 1 items/);
    tf.dispose([q, i, fewer]);
  });
});

describe('zero-shot classification', () => {
  it('ensembles prompts: mean of normalised prompt embeddings, normalised again', () => {
    const prompts = tf.tensor3d([[[2, 0], [0, 3]], [[1, 0], [5, 0]]]);
    const classes = ensemblePromptEmbeddings(prompts);
    const values = classes.arraySync();
    expect(values[0]![0]).toBeCloseTo(s, 6);
    expect(values[0]![1]).toBeCloseTo(s, 6);
    expect(values[1]).toEqual([1, 0]);
    tf.dispose([prompts, classes]);
  });

  it('renders templates, classifies by cosine similarity and gives ties to the lower class', async () => {
    expect(renderPrompt('a {} or a {}', 'cat', 0)).toBe('a cat or a cat');
    expect(renderPrompt((name, k) => `${k}:${name}`, 'dog', 1)).toBe('1:dog');
    expect(() => renderPrompt('a photo', 'cat', 0)).toThrow(/no '\{\}' placeholder/);
    expect(Array.from(argmaxRows([1, 3, 3, 0, 0, 0], 2, 3))).toEqual([1, 0]);

    const tokenizer = WordTokenizer.train(['a red thing', 'a green thing']);
    const v = tokenizer.vocabSize;
    // A bag-of-words text tower and inputs that are word vectors already.
    const towers: ZeroShotTowers = {
      embedText: (ids) => tf.tidy(() => tf.sum(tf.oneHot(tf.cast(ids, 'int32') as tf.Tensor2D, v), 1).mul(tf.oneHot(0, v).neg().add(1)) as tf.Tensor2D),
      embedInputs: (x) => x as tf.Tensor2D,
    };
    const classifier = await zeroShotClassifier(towers, ['red', 'green'], ['a {}', '{} thing'], { tokenizer, maxLength: 4 });
    expect(classifier.prompts).toEqual([['a red', 'red thing'], ['a green', 'green thing']]);
    // Class 'red' = normalise(mean(normalise(a + red), normalise(red + thing))) = (a/2 + red + thing/2) / √1.5.
    const red = classifier.classEmbeddings.arraySync()[0]!;
    expect(red[tokenizer.tokenToId('red')!]).toBeCloseTo(1 / Math.sqrt(1.5), 5);
    expect(red[tokenizer.tokenToId('a')!]).toBeCloseTo(0.5 / Math.sqrt(1.5), 5);
    const word = (w: string): number[] => Array.from({ length: v }, (_, i) => (i === tokenizer.tokenToId(w) ? 1 : 0));
    const inputs = tf.tensor2d([word('green'), word('red'), word('a'), word('thing')]);
    expect(Array.from(await classifier.classify(inputs))).toEqual([1, 0, 0, 0]); // 'a' and 'thing' tie: class 0
    expect(await classifier.accuracy(inputs, [1, 0, 1, 1])).toBe(0.5);
    const before = tf.memory().numTensors;
    await classifier.classify(inputs);
    expect(tf.memory().numTensors).toBe(before);
    classifier.dispose();
    inputs.dispose();
    await expect(zeroShotClassifier(towers, ['red'], ['a {}'], { tokenizer })).rejects.toThrow(/pass options\.maxLength/);
  });
});
