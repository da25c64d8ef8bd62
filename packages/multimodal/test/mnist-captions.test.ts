import { DIGIT_WORDS } from '@pretext/audio';
import { tf } from '@pretext/core';
import { WordTokenizer } from '@pretext/text';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_EVALUATION_TEMPLATES, MNIST_TRAINING_TEMPLATES, mnistCaptions, renderDigitCaption } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

const rendered = (templates: readonly string[]): Set<string> => new Set(templates.flatMap((t) => DIGIT_WORDS.map((_, d) => renderDigitCaption(t, d))));

describe('MNIST captions', () => {
  it('keeps the evaluation prompts disjoint from the training templates, as templates and as captions', () => {
    expect(MNIST_TRAINING_TEMPLATES.filter((t) => MNIST_EVALUATION_TEMPLATES.includes(t))).toEqual([]);
    const train = rendered(MNIST_TRAINING_TEMPLATES);
    const evaluation = rendered(MNIST_EVALUATION_TEMPLATES);
    expect(train.size).toBe(10 * MNIST_TRAINING_TEMPLATES.length);
    expect(evaluation.size).toBe(10 * MNIST_EVALUATION_TEMPLATES.length);
    expect([...evaluation].filter((c) => train.has(c))).toEqual([]);
    // Digits appear as words and as numerals in both sets.
    for (const set of [MNIST_TRAINING_TEMPLATES, MNIST_EVALUATION_TEMPLATES]) {
      expect(set.some((t) => t.includes('{word}'))).toBe(true);
      expect(set.some((t) => t.includes('{numeral}'))).toBe(true);
    }
    expect(renderDigitCaption('a handwritten {word}', 7)).toBe('a handwritten seven');
    expect(renderDigitCaption('the digit {numeral}', 7)).toBe('the digit 7');
    expect(() => renderDigitCaption('a digit', 7)).toThrow(/neither a \{word\} nor a \{numeral\}/);
    expect(() => renderDigitCaption('{word}', 10)).toThrow(/digit must be 0–9/);
  });

  it('captions the 8,000 / 2,000 MNIST split with training / evaluation templates of each digit', async () => {
    const { train, test } = await mnistCaptions();
    expect([train.count, test.count]).toEqual([8000, 2000]);
    const d = train.labels![0]!;
    expect(train.captions[0]).toEqual(MNIST_TRAINING_TEMPLATES.map((t) => renderDigitCaption(t, d)));
    expect(test.captions[0]).toEqual(MNIST_EVALUATION_TEMPLATES.map((t) => renderDigitCaption(t, test.labels![0]!)));
    // A tokenizer of the training captions knows every digit word and numeral.
    const tokenizer = WordTokenizer.train(train.distinctCaptions());
    for (let k = 0; k < 10; k++) {
      expect(tokenizer.tokenToId(DIGIT_WORDS[k]!)).toBeDefined();
      expect(tokenizer.tokenToId(String(k))).toBeDefined();
    }
    const picked = test.pickCaptions(3);
    expect(picked).toEqual(test.pickCaptions(3));
    picked.slice(0, 50).forEach((c, i) => expect(test.captions[i]).toContain(c));
    const small = train.subset([0, 1, 2, 3]);
    const [batch] = [...(await small.batches({ batchSize: 4, tokenizer, maxLength: 8, withLabels: true }))(0)];
    expect(batch!.x!.shape).toEqual([4, 28, 28, 1]);
    expect(batch!.tokens!.shape).toEqual([4, 8]);
    expect(batch!.y!.dtype).toBe('int32');
    tf.dispose(Object.values(batch!));
  });
});
