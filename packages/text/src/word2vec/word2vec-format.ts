import { readUtf8File, TextInputError } from '../data/read-utf8.js';
import { Word2Vec } from './word2vec.js';
import { writeFileAtomic } from '@pretext/core';

/**
 * The word2vec TEXT format (what `word2vec -binary 0` writes and gensim's
 * `KeyedVectors.load_word2vec_format(binary=False)` reads): a `"<words> <dim>"` header, then one
 * line per word: the word and its values separated by spaces.
 */
export function toWord2VecText(model: Word2Vec): string {
  const lines = [`${model.vocabSize} ${model.dim}`];
  for (let i = 0; i < model.vocabSize; i++) {
    const row = model.vectors.subarray(i * model.dim, (i + 1) * model.dim);
    lines.push(`${model.words[i]} ${Array.from(row, (x) => Number(x.toPrecision(6))).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes {@link toWord2VecText} to `file` atomically. */
export async function saveWord2VecText(model: Word2Vec, file: string): Promise<void> {
  await writeFileAtomic(file, toWord2VecText(model));
}

/** Parses the word2vec text format. @throws TextInputError naming `file` and the bad line. */
export function parseWord2VecText(text: string, file = '<word2vec text>'): Word2Vec {
  const lines = text.split(/\r?\n/);
  const header = /^(\d+) (\d+)\s*$/.exec(lines[0] ?? '');
  if (!header) throw new TextInputError(file, 1, 'expected a "<words> <dim>" header');
  const n = Number(header[1]);
  const dim = Number(header[2]);
  const words: string[] = [];
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const parts = (lines[i + 1] ?? '').trimEnd().split(' ');
    if (parts.length !== dim + 1) throw new TextInputError(file, i + 2, `expected a word and ${dim} values, got ${parts.length - 1} values`);
    words.push(parts[0]!);
    for (let k = 0; k < dim; k++) {
      const v = Number(parts[k + 1]);
      if (!Number.isFinite(v)) throw new TextInputError(file, i + 2, `value ${k + 1} is not a number: '${parts[k + 1]}'`);
      vectors[i * dim + k] = v;
    }
  }
  return new Word2Vec(words, vectors, dim);
}

/** Reads a word2vec text file. */
export async function loadWord2VecText(file: string): Promise<Word2Vec> {
  return parseWord2VecText(await readUtf8File(file), file);
}
