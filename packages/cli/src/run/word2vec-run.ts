import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { tf } from '@pretext/core';
import type { Word2VecOptions } from '@pretext/text';
import { CliError } from '../cli-error.js';
import { progressBar } from '../io/progress.js';
import type { Modalities } from '../modalities/load-modalities.js';
import { TOKENIZER_FILE } from './run-meta.js';

type TextModule = NonNullable<Modalities['text']>;

/** word2vec settings a `--config` file's `objective` may hold. */
const KEYS = ['mode', 'dim', 'window', 'negative', 'sample', 'alpha', 'epochs', 'minCount', 'maxVocab', 'seed'] as const;

/** What {@link trainWord2Vec} produced. */
export interface Word2VecRun {
  /** A probe-ready encoder (mean of word vectors over the tokens). */
  readonly encoder: tf.LayersModel;
  readonly config: Record<string, unknown>;
  readonly words: number;
  readonly vectorsFile: string;
}

/**
 * Trains word2vec (text's typed-array trainer, not a core Objective) on `texts`, writes the vectors
 * in word2vec text format (`vectors.txt`) and the tokenizer into `out`, and returns an encoder
 * that `saveEncoder` can save for `probe` and `embed`.
 */
export async function trainWord2Vec(
  text: TextModule, texts: readonly string[], user: Record<string, unknown>, o: { epochs: number; seed: number; vocabSize: number; out: string },
): Promise<Word2VecRun> {
  const unknown = Object.keys(user).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new CliError(`word2vec config: unknown key(s) ${unknown.join(', ')}; known: ${KEYS.join(', ')}`);
  const options: Word2VecOptions = { epochs: o.epochs, seed: o.seed, minCount: 1, ...(user as Word2VecOptions) };
  await mkdir(o.out, { recursive: true });
  const bar = progressBar('word2vec epochs', options.epochs ?? 5);
  const sentences = texts.map((t) => text.splitWords(t, { punctuation: false }));
  const w2v = text.Word2Vec.train(sentences, { ...options, onEpoch: () => bar.tick() });
  bar.done();
  const vectorsFile = join(o.out, 'vectors.txt');
  await text.saveWord2VecText(w2v, vectorsFile);
  const tokenizer = text.WordTokenizer.train(texts, { maxVocab: o.vocabSize, punctuation: false });
  await text.saveTokenizer(tokenizer, join(o.out, TOKENIZER_FILE));
  return { encoder: text.word2vecEncoder(w2v, tokenizer), config: { ...options }, words: w2v.stats?.words ?? 0, vectorsFile };
}
