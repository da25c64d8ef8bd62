import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CliError } from '../cli-error.js';

const configFileSchema = z.strictObject({
  objective: z.record(z.string(), z.unknown()).optional(),
  trainer: z.record(z.string(), z.unknown()).optional(),
});

/** A `--config` file: the objective's config and the trainer's (both optional). */
export type ConfigFile = z.output<typeof configFileSchema>;

/**
 * Reads a `--config` JSON file `{ "objective": { … }, "trainer": { … } }`.
 * @throws CliError when it is missing, not JSON, or has other keys.
 */
export async function readConfigFile(path: string | undefined): Promise<ConfigFile> {
  if (path === undefined) return {};
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`--config ${path}: ${e.code === 'ENOENT' ? 'no such file' : `cannot be read (${e.code ?? e.message})`}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`--config ${path}: not valid JSON (${(e as Error).message})`);
  }
  const r = configFileSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CliError(`--config ${path}: ${i.path.join('.') || '(root)'}: ${i.message} (expected { "objective": {…}, "trainer": {…} })`);
  }
  return r.data;
}
