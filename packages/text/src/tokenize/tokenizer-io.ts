import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@pretext/core';
import { BpeTokenizer } from './bpe-tokenizer.js';
import type { TextTokenizer, TokenizerJson } from './text-tokenizer.js';
import { WordTokenizer } from './word-tokenizer.js';

/** File name of a tokenizer saved beside a model. */
export const TOKENIZER_FILE = 'tokenizer.json';

/**
 * Rebuilds a tokenizer from its JSON form (`tokenizer.toJSON()`).
 * @throws Error naming `where` when the JSON is not a Pretext tokenizer.
 */
export function tokenizerFromJson(json: unknown, where = 'tokenizerFromJson'): TextTokenizer {
  const j = json as Partial<TokenizerJson> | null;
  if (typeof j !== 'object' || j === null || j.format !== 'pretext-tokenizer') {
    throw new Error(`${where}: not a Pretext tokenizer (expected "format": "pretext-tokenizer")`);
  }
  if (j.kind === 'word' && Array.isArray(j.vocab)) return new WordTokenizer(j.vocab, { lowercase: j.lowercase, punctuation: j.punctuation });
  if (j.kind === 'bpe' && typeof j.tokenizer === 'object' && j.tokenizer !== null) return new BpeTokenizer(j.tokenizer);
  throw new Error(`${where}: unknown tokenizer kind ${JSON.stringify(j.kind)} or missing vocabulary`);
}

/** Writes a tokenizer's JSON form to `file` atomically. */
export async function saveTokenizer(tokenizer: TextTokenizer, file: string): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(tokenizer.toJSON()));
}

/** Reads a tokenizer written by {@link saveTokenizer}. @throws Error naming the file. */
export async function loadTokenizer(file: string): Promise<TextTokenizer> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`loadTokenizer: cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  return tokenizerFromJson(json, `loadTokenizer(${file})`);
}
