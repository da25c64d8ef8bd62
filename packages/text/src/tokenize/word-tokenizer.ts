import { NUM_SPECIAL_TOKENS, SPECIAL_IDS, SPECIAL_TOKENS } from './special-tokens.js';
import type { TextTokenizer, TokenizerJson } from './text-tokenizer.js';
import { splitWords } from './word-split.js';

/** Options of {@link WordTokenizer.train}. */
export interface WordTokenizerOptions {
  /** Keep at most this many words (most frequent first; specials not counted). Default: all. */
  readonly maxVocab?: number;
  /** Keep words seen at least this many times (default 1). */
  readonly minCount?: number;
  /** Lower-case (default true). */
  readonly lowercase?: boolean;
  /** Punctuation marks as tokens (default true). */
  readonly punctuation?: boolean;
}

/**
 * A word-level tokenizer: Unicode word splitting ({@link splitWords}), a vocabulary of the most
 * frequent words (ties broken alphabetically, so training is deterministic), unknown words mapped
 * to `[UNK]`. Ids 0–6 are the {@link SPECIAL_TOKENS}.
 */
export class WordTokenizer implements TextTokenizer {
  readonly kind = 'word';
  readonly lowercase: boolean;
  readonly punctuation: boolean;
  private readonly vocab: readonly string[];
  private readonly index: Map<string, number>;

  /** @param vocab every token by id, starting with the {@link SPECIAL_TOKENS}. */
  constructor(vocab: readonly string[], options: { lowercase?: boolean; punctuation?: boolean } = {}) {
    SPECIAL_TOKENS.forEach((s, i) => {
      if (vocab[i] !== s) throw new Error(`WordTokenizer: vocab[${i}] must be '${s}', got '${vocab[i]}'`);
    });
    this.vocab = [...vocab];
    this.index = new Map(this.vocab.map((w, i) => [w, i]));
    if (this.index.size !== this.vocab.length) throw new Error('WordTokenizer: the vocabulary has duplicate tokens');
    this.lowercase = options.lowercase ?? true;
    this.punctuation = options.punctuation ?? true;
  }

  /** Builds the vocabulary from texts. */
  static train(texts: Iterable<string>, options: WordTokenizerOptions = {}): WordTokenizer {
    const split = { lowercase: options.lowercase ?? true, punctuation: options.punctuation ?? true };
    const counts = countWords(texts, split);
    const minCount = options.minCount ?? 1;
    const words = [...counts.entries()]
      .filter(([w, c]) => c >= minCount && !SPECIAL_TOKENS.includes(w as (typeof SPECIAL_TOKENS)[number]))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.maxVocab ?? Infinity)
      .map(([w]) => w);
    return new WordTokenizer([...SPECIAL_TOKENS, ...words], split);
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  /** Ids of one text (synchronous). */
  encode(text: string): number[] {
    return splitWords(text, this).map((w) => this.index.get(w) ?? SPECIAL_IDS.unk);
  }

  async encodeBatch(texts: readonly string[]): Promise<number[][]> {
    return texts.map((t) => this.encode(t));
  }

  async decode(ids: readonly number[]): Promise<string> {
    return ids
      .filter((i) => i >= NUM_SPECIAL_TOKENS && i < this.vocab.length)
      .map((i) => this.vocab[i]!)
      .join(' ');
  }

  idToToken(id: number): string | undefined {
    return this.vocab[id];
  }

  tokenToId(token: string): number | undefined {
    return this.index.get(token);
  }

  /** Every token by id. */
  tokens(): readonly string[] {
    return this.vocab;
  }

  toJSON(): TokenizerJson {
    return { format: 'pretext-tokenizer', kind: 'word', lowercase: this.lowercase, punctuation: this.punctuation, vocab: this.vocab };
  }
}

/** Word counts of texts, split as {@link splitWords} does. */
export function countWords(texts: Iterable<string>, options: { lowercase: boolean; punctuation: boolean }): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of splitWords(t, options)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
