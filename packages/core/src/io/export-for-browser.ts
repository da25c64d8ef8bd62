import { readdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PRETEXT_VERSION } from './pretext-version.js';
import { writeModelFiles } from './write-model-files.js';

/** Options of {@link exportForBrowser}. */
export interface ExportForBrowserOptions {
  /** Largest weight shard in bytes; the tfjs converter's default, 4 MiB, suits browser caches. */
  readonly shardSizeBytes?: number;
}

/** What {@link exportForBrowser} wrote. */
export interface BrowserExport {
  /** Path of `model.json`. */
  readonly modelJson: string;
  /** Paths of the weight shards (`group1-shard1of2.bin`, …), in manifest order. */
  readonly weightFiles: readonly string[];
  /** Total bytes of weights. */
  readonly weightBytes: number;
}

const SHARD = /^group\d+-shard\d+of\d+\.bin$/;

/**
 * Exports a model as a static tfjs LayersModel directory that a browser loads with
 * `tf.loadLayersModel('https://host/path/model.json')`: a standard `model.json` (format
 * `'layers-model'`, convertedBy `Pretext <version>`) and weights sharded like the tfjs converter
 * names them (`group1-shard1of1.bin`, `group1-shard1of3.bin`, …). The optimizer is not included.
 * Every file is written atomically, shards before model.json; shards of an earlier export into the
 * same directory that the new model.json no longer lists are removed.
 *
 * A model that uses custom layers loads in the browser only where the page registers the same
 * classes with `tf.serialization.registerClass` before loading.
 *
 * @param model The model (typically an encoder) to export.
 * @param dir Output directory, created if needed.
 */
export async function exportForBrowser(
  model: tf.LayersModel,
  dir: string,
  options: ExportForBrowserOptions = {},
): Promise<BrowserExport> {
  const shardBytes = options.shardSizeBytes ?? 4 * 1024 * 1024;
  if (!Number.isInteger(shardBytes) || shardBytes < 1) {
    throw new RangeError(`exportForBrowser: shardSizeBytes must be a positive integer, got ${shardBytes}`);
  }
  let written: { modelJson: string; weightFiles: readonly string[] } | undefined;
  let weightBytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const result = await writeModelFiles(join(dir, 'model.json'), artifacts, {
        shardBytes,
        shardName: (i, n) => `group1-shard${i}of${n}.bin`,
        convertedBy: `Pretext ${PRETEXT_VERSION}`,
      });
      written = result;
      weightBytes = result.info.weightDataBytes ?? 0;
      return { modelArtifactsInfo: result.info };
    }),
    { includeOptimizer: false },
  );
  if (written === undefined) throw new Error(`exportForBrowser: tfjs did not hand the model artifacts to the writer for ${dir}`);
  const keep = new Set(written.weightFiles.map((f) => basename(f)));
  for (const name of await readdir(dir)) {
    if (SHARD.test(name) && !keep.has(name)) await unlink(join(dir, name));
  }
  return { modelJson: written.modelJson, weightFiles: written.weightFiles, weightBytes };
}
