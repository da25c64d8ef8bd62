import { tf } from '@pretext/core';
import { encodeForModel, type EncodeForModelOptions, type TextTokenizer } from '@pretext/text';

/** How captions become token ids: the tokenizer and `encodeForModel`'s length and wrapping. */
export interface CaptionTokenization {
  /** A trained `@pretext/text` tokenizer (word or BPE); its `vocabSize` is the text tower's. */
  readonly tokenizer: TextTokenizer;
  /** Ids per caption (truncated or padded with `[PAD]`); at most the text tower's `maxLength`. */
  readonly maxLength: number;
  /** Wrap each caption as `[CLS] … [SEP]` or `[BOS] … [EOS]` (default none). */
  readonly wrap?: EncodeForModelOptions['wrap'];
}

/** Token ids of `texts` as an int32 `[N, maxLength]` tensor the caller owns. */
export async function tokenizeCaptions(texts: readonly string[], options: CaptionTokenization): Promise<tf.Tensor2D> {
  const ids = await encodeForModel(options.tokenizer, texts, { maxLength: options.maxLength, ...(options.wrap ? { wrap: options.wrap } : {}) });
  return tf.tensor2d(ids, [texts.length, options.maxLength], 'int32');
}
