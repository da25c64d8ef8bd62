/**
 * The special tokens every Pretext text tokenizer reserves, always at these ids (so that objectives
 * built from JSON configs know them): padding, unknown, BERT's `[CLS]`/`[SEP]`/`[MASK]`, and GPT's
 * beginning/end of sequence.
 */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', '[BOS]', '[EOS]'] as const;

/** Ids of the {@link SPECIAL_TOKENS}. */
export const SPECIAL_IDS = { pad: 0, unk: 1, cls: 2, sep: 3, mask: 4, bos: 5, eos: 6 } as const;

/** Number of special tokens: the first ordinary token's id. */
export const NUM_SPECIAL_TOKENS = SPECIAL_TOKENS.length;
