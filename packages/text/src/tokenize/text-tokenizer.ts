/** The JSON form of a tokenizer, as saved next to a model (see `saveTokenizer`). */
export type TokenizerJson =
  | { readonly format: 'pretext-tokenizer'; readonly kind: 'word'; readonly lowercase: boolean; readonly punctuation: boolean; readonly vocab: readonly string[] }
  | { readonly format: 'pretext-tokenizer'; readonly kind: 'bpe'; readonly tokenizer: Readonly<Record<string, unknown>> };

/**
 * What every Pretext tokenizer offers: text ↔ ids, with the {@link SPECIAL_TOKENS} at fixed ids
 * 0–6 (never produced by `encode`; add them yourself or with `encodeForModel`).
 */
export interface TextTokenizer {
  /** `'word'` or `'bpe'`. */
  readonly kind: TokenizerJson['kind'];
  /** Number of ids, specials included. */
  readonly vocabSize: number;
  /** Ids of a batch of texts (no special tokens added). */
  encodeBatch(texts: readonly string[]): Promise<number[][]>;
  /** Text of ids; special tokens are skipped. */
  decode(ids: readonly number[]): Promise<string>;
  /** The token string of an id (`undefined` when out of range). */
  idToToken(id: number): string | undefined;
  /** The id of a token string (`undefined` when unknown). */
  tokenToId(token: string): number | undefined;
  /** The JSON form, from which `tokenizerFromJson` rebuilds it exactly. */
  toJSON(): TokenizerJson;
}
