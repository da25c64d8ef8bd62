import { Rng, tf } from '@pretext/core';
import { SPECIAL_IDS } from '../tokenize/special-tokens.js';
import type { CausalLm } from './causal-lm.js';
import { sampleToken, type SamplingOptions } from './sample-token.js';

/** Options of {@link generate}. */
export interface GenerateOptions extends SamplingOptions {
  /** Tokens to add (default 32). */
  readonly maxNewTokens?: number;
  /** Seed of the draws (default 0): the same seed, prompt and model give the same tokens. */
  readonly seed?: number;
  /** Stop after this id (default `[EOS]`); `null` never stops early. */
  readonly stopId?: number | null;
}

/**
 * Autoregressive generation from a causal LM: repeatedly runs the decoder on the last
 * `maxLength` tokens and draws the next one with {@link sampleToken} (temperature, top-k, top-p;
 * special tokens other than `stopId` are never drawn). Deterministic under a seed.
 *
 * @param prompt token ids (e.g. `[BOS]` then the encoded prompt).
 * @returns the prompt followed by the generated ids.
 */
export async function generate(model: CausalLm, prompt: readonly number[], options: GenerateOptions = {}): Promise<number[]> {
  if (prompt.length === 0) throw new Error('generate: the prompt needs at least one token (e.g. [BOS])');
  const rng = new Rng(options.seed ?? 0);
  const stopId = options.stopId === undefined ? SPECIAL_IDS.eos : options.stopId;
  const banned = new Set<number>(Object.values(SPECIAL_IDS).filter((id) => id !== stopId));
  const out = [...prompt];
  const steps = options.maxNewTokens ?? 32;
  for (let s = 0; s < steps; s++) {
    const context = out.slice(-model.config.maxLength);
    const last = tf.tidy(() => {
      const logits = model.logits(tf.tensor2d([context], [1, context.length], 'int32'));
      return tf.slice(logits, [context.length - 1, 0], [1, -1]);
    });
    const values = await last.data();
    last.dispose();
    const next = sampleToken(values, rng, options, banned);
    out.push(next);
    if (next === stopId) break;
  }
  return out;
}
