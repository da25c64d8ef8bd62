/** Options of {@link splitWords}. */
export interface SplitWordsOptions {
  /** Lower-case the text first (default true). */
  readonly lowercase?: boolean;
  /** Keep punctuation marks as tokens of their own (default true); false drops them. */
  readonly punctuation?: boolean;
}

const WITH_PUNCT = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const WORDS_ONLY = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;

/**
 * Splits text into words (letters, marks and digits, with inner apostrophes: `don't`) and,
 * optionally, single punctuation marks. Unicode-aware; NFKC-normalised.
 */
export function splitWords(text: string, options: SplitWordsOptions = {}): string[] {
  const t = (options.lowercase ?? true) ? text.normalize('NFKC').toLowerCase() : text.normalize('NFKC');
  return t.match((options.punctuation ?? true) ? WITH_PUNCT : WORDS_ONLY) ?? [];
}
