import { readEncoderMeta, type EncoderMeta } from '@pretext/core';
import { z } from 'zod';
import { CliError } from '../cli-error.js';

/** Name of the tokenizer file a text run saves beside its encoder. */
export const TOKENIZER_FILE = 'tokenizer.json';

const runMetaSchema = z.object({
  objective: z.string(),
  kind: z.enum(['images', 'text', 'audio', 'pairs']),
  data: z.string(),
  config: z.record(z.string(), z.unknown()),
  imageSize: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  channels: z.union([z.literal(1), z.literal(3)]),
  sampleRate: z.number().int().positive(),
  maxLength: z.number().int().positive(),
  clipSamples: z.number().int().positive(),
  tokenizer: z.string().nullable(),
  steps: z.number().int().nonnegative(),
  loss: z.number().nullable(),
});

/**
 * What `pretext pretrain` records in `pretext.json` (under `user.cli`) so that `probe`, `embed` and
 * `zero-shot` decode data exactly as the encoder was trained: objective and its config, data kind,
 * image size and channels, audio sample rate and clip length, text length and tokenizer file.
 */
export type RunMeta = z.output<typeof runMetaSchema>;

/**
 * Reads the encoder metadata of `dir` and the CLI's run metadata inside it.
 * @throws CliError when `dir` holds no encoder or was not written by `pretext pretrain`.
 */
export async function readRunMeta(dir: string, flag = '--encoder'): Promise<{ meta: EncoderMeta; run: RunMeta }> {
  const meta = await readEncoderMeta(dir).catch((e: unknown) => {
    throw new CliError(`${flag} ${dir}: ${(e as Error).message}`, { cause: e });
  });
  const parsed = runMetaSchema.safeParse(meta.user.cli);
  if (!parsed.success) throw new CliError(`${flag} ${dir}: not an encoder saved by 'pretext pretrain' (pretext.json has no valid 'user.cli' record)`);
  return { meta, run: parsed.data };
}
