import { join } from 'node:path';
import { loadEncoder, saveEncoder, type EncoderMeta, type tf } from '@pretext/core';
import { loadTokenizer, saveTokenizer, TOKENIZER_FILE } from '../tokenize/tokenizer-io.js';
import type { TextTokenizer } from '../tokenize/text-tokenizer.js';

/**
 * Saves a text encoder WITH its tokenizer: core's `saveEncoder` files (`model.json`,
 * `weights.bin`, `pretext.json`) and `tokenizer.json` beside them.
 */
export async function saveTextEncoder(encoder: tf.LayersModel, tokenizer: TextTokenizer, dir: string, objective?: string): Promise<EncoderMeta> {
  const meta = await saveEncoder(encoder, dir, { ...(objective ? { objective } : {}), user: { tokenizer: TOKENIZER_FILE, vocabSize: tokenizer.vocabSize } });
  await saveTokenizer(tokenizer, join(dir, TOKENIZER_FILE));
  return meta;
}

/** Loads what {@link saveTextEncoder} wrote. */
export async function loadTextEncoder(dir: string): Promise<{ encoder: tf.LayersModel; tokenizer: TextTokenizer }> {
  const tokenizer = await loadTokenizer(join(dir, TOKENIZER_FILE));
  const encoder = await loadEncoder(dir);
  return { encoder, tokenizer };
}
