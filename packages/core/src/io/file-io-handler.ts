import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import { readModelFiles } from './read-model-files.js';
import { weightsNameFor, writeModelFiles } from './write-model-files.js';

/**
 * A tfjs IO handler that saves and loads models as files with `node:fs`, on any backend (wasm,
 * cpu, webgpu; no tfjs-node needed).
 *
 * Saving writes the standard tfjs LayersModel format: `model.json` (modelTopology, format
 * `'layers-model'`, generatedBy, convertedBy, weightsManifest `[{ paths: ['weights.bin'],
 * weights }]`) and `weights.bin`, each atomically (weights first, model.json last). Loading reads
 * any tfjs model.json with its weight files (so also converter output and {@link exportForBrowser}
 * shards) and refuses a missing, malformed or wrongly sized file with a {@link ModelIOError} that
 * names it.
 *
 * @param target A directory (holding `model.json`), a path to a `*.json` file (its weights go
 *   beside it as `<stem>.weights.bin`, or `weights.bin` for `model.json`), a `file://` string of
 *   either as tfjs-node writes them (`file://./dir`, `file:///abs/dir`), or a file `URL`.
 * @example
 * ```ts
 * await model.save(fileIO('runs/encoder'));
 * const again = await tf.loadLayersModel(fileIO('runs/encoder'));
 * ```
 */
export function fileIO(target: string | URL): tf.io.IOHandler {
  const jsonPath = modelJsonPath(target);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weights = weightsNameFor(jsonPath);
      const written = await writeModelFiles(jsonPath, artifacts, { shardName: () => weights });
      return { modelArtifactsInfo: written.info };
    },
    load(): Promise<tf.io.ModelArtifacts> {
      return readModelFiles(jsonPath);
    },
  };
}

/** The model.json path that {@link fileIO} reads and writes for `target`. */
export function modelJsonPath(target: string | URL): string {
  // Like tfjs-node, a `file://` string is a path after the scheme ('file://./dir', 'file:///abs').
  const path = target instanceof URL ? fileURLToPath(target) : target.startsWith('file://') ? target.slice(7) : target;
  return /\.json$/i.test(path) ? path : join(path, 'model.json');
}
