import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from './atomic-write.js';
import { ENCODER_META_FILE, encoderMetaFor, type EncoderMeta, type EncoderMetaInput } from './encoder-meta.js';
import { sha256File } from './file-digest.js';
import { fileIO } from './file-io-handler.js';
import { ModelIOError } from './model-io-error.js';

/** Files of a saved encoder whose digests the metadata records. */
export const ENCODER_MODEL_FILES = ['model.json', 'weights.bin'] as const;

/**
 * Saves an encoder to `dir` on any backend: `model.json` + `weights.bin` in the standard tfjs
 * LayersModel format (see {@link fileIO}) and `pretext.json` beside them with the Pretext and tfjs
 * versions, input shape, embedding dimension, objective name, free user metadata and the sha256
 * of both model files. Each file is written atomically, metadata last; {@link loadEncoder} uses the
 * digests to refuse a directory left inconsistent by an interrupted save.
 *
 * @param model The encoder (custom layers must be registered with `tf.serialization.registerClass`).
 * @param dir Directory, created if needed; an earlier save there is replaced.
 * @param meta Objective name and free JSON metadata to record.
 * @returns The metadata written.
 */
export async function saveEncoder(model: tf.LayersModel, dir: string, meta: EncoderMetaInput = {}): Promise<EncoderMeta> {
  const metaFile = join(dir, ENCODER_META_FILE);
  let user: string;
  try {
    user = JSON.stringify(meta.user ?? {});
  } catch (e) {
    throw new ModelIOError(metaFile, `cannot save encoder metadata ${metaFile}: user metadata is not JSON-serializable (${(e as Error).message})`);
  }
  await model.save(fileIO(dir));
  const files: Record<string, string> = {};
  for (const name of ENCODER_MODEL_FILES) files[name] = await sha256File(join(dir, name));
  const written = encoderMetaFor(model, { ...meta, user: JSON.parse(user) as Record<string, unknown> }, files);
  await writeFileAtomic(metaFile, `${JSON.stringify(written, null, 2)}\n`);
  return written;
}
