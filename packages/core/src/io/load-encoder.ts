import { access } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ENCODER_META_FILE, inputShapesOf, readEncoderMeta } from './encoder-meta.js';
import { sha256File } from './file-digest.js';
import { fileIO } from './file-io-handler.js';
import { ModelIOError } from './model-io-error.js';

/**
 * Loads an encoder saved by {@link saveEncoder} (or any tfjs LayersModel directory) on any
 * backend. When `pretext.json` is present it is validated, the model files must match the
 * digests it recorded (else the directory holds files of different saves, e.g. after an
 * interrupted save), and the loaded model's input shapes must match it.
 *
 * @param dir Directory holding `model.json`, its weights and optionally `pretext.json`.
 * @throws ModelIOError naming the missing, corrupt or mismatched file.
 */
export async function loadEncoder(dir: string): Promise<tf.LayersModel> {
  const metaFile = join(dir, ENCODER_META_FILE);
  const hasMeta = await access(metaFile).then(
    () => true,
    () => false,
  );
  const meta = hasMeta ? await readEncoderMeta(dir) : undefined;
  if (meta) {
    for (const [name, digest] of Object.entries(meta.files)) {
      const file = join(dir, name);
      const actual = await sha256File(file).catch((e: unknown) => {
        throw new ModelIOError(file, `encoder file ${file} (listed in ${metaFile}) cannot be read: ${(e as Error).message}`, { cause: e });
      });
      if (actual !== digest) {
        throw new ModelIOError(file, `encoder file ${file} does not match ${metaFile} (sha256 differs): the directory mixes files of different saves or was modified`);
      }
    }
  }
  const model = await tf.loadLayersModel(fileIO(dir));
  if (meta) {
    const shapes = inputShapesOf(model);
    if (JSON.stringify(shapes) !== JSON.stringify(meta.inputShapes)) {
      model.dispose();
      throw new ModelIOError(metaFile, `${metaFile} records input shapes ${JSON.stringify(meta.inputShapes)} but the model in ${dir} has ${JSON.stringify(shapes)}`);
    }
  }
  return model;
}
