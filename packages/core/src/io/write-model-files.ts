import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from './atomic-write.js';
import { ModelIOError } from './model-io-error.js';
import { expectedWeightBytes, modelJsonFor, weightChunks } from './model-json.js';

/** How {@link writeModelFiles} lays out the weights. */
export interface ModelFilesLayout {
  /** Largest shard in bytes (default: one file for all weights). */
  readonly shardBytes?: number;
  /** File name of shard `i` (1-based) of `n`, relative to the model.json directory. */
  readonly shardName: (i: number, n: number) => string;
  /** Value of model.json's `convertedBy` (default: what the artifacts say, else null). */
  readonly convertedBy?: string;
}

/** What {@link writeModelFiles} wrote. */
export interface WrittenModelFiles {
  /** Path of the model.json. */
  readonly modelJson: string;
  /** Paths of the weight shards, in manifest order. */
  readonly weightFiles: readonly string[];
  /** tfjs's summary of the saved artifacts (returned by IO handlers' `save`). */
  readonly info: tf.io.ModelArtifactsInfo;
}

/**
 * Writes model artifacts as a standard tfjs model.json plus weight shards, each file atomically;
 * the shards first and model.json last, so that model.json never names weights that are not
 * completely on disk. Creates the directory if needed.
 */
export async function writeModelFiles(
  jsonPath: string,
  artifacts: tf.io.ModelArtifacts,
  layout: ModelFilesLayout,
): Promise<WrittenModelFiles> {
  const specs = artifacts.weightSpecs ?? [];
  const chunks = weightChunks(artifacts.weightData);
  const total = chunks.reduce((s, c) => s + c.byteLength, 0);
  const expected = expectedWeightBytes(specs);
  if (expected !== undefined && expected !== total) {
    throw new ModelIOError(jsonPath, `cannot save ${jsonPath}: the model's weight specs need ${expected} bytes but its weight data has ${total}`);
  }
  const shardBytes = layout.shardBytes ?? Number.POSITIVE_INFINITY;
  if (!(shardBytes >= 1)) throw new RangeError(`shard size must be at least 1 byte, got ${shardBytes}`);
  const n = Math.max(1, Math.ceil(total / shardBytes));
  const names = Array.from({ length: n }, (_, i) => layout.shardName(i + 1, n));
  let json: string;
  try {
    json = JSON.stringify(modelJsonFor(artifacts, [{ paths: names, weights: specs }], layout.convertedBy));
  } catch (e) {
    throw new ModelIOError(jsonPath, `cannot save ${jsonPath}: ${(e as Error).message}`, { cause: e });
  }
  const dir = dirname(jsonPath);
  await mkdir(dir, { recursive: true });
  const weightFiles = names.map((name) => join(dir, name));
  for (let i = 0; i < n; i++) {
    const start = i === 0 ? 0 : i * shardBytes; // (0 × Infinity is NaN)
    await writeFileAtomic(weightFiles[i]!, sliceChunks(chunks, start, Math.min(total, start + shardBytes)));
  }
  await writeFileAtomic(jsonPath, json);
  return { modelJson: jsonPath, weightFiles, info: tf.io.getModelArtifactsInfoForJSON(artifacts) };
}

/** The bytes [start, end) of a list of chunks, as views (no copies). */
function* sliceChunks(chunks: readonly Uint8Array[], start: number, end: number): Generator<Uint8Array> {
  let pos = 0;
  for (const c of chunks) {
    const from = Math.max(start, pos);
    const to = Math.min(end, pos + c.byteLength);
    if (from < to) yield c.subarray(from - pos, to - pos);
    pos += c.byteLength;
    if (pos >= end) return;
  }
}

/** The default weights file name beside a model JSON: `weights.bin` for `model.json`, else `<stem>.weights.bin`. */
export function weightsNameFor(jsonPath: string): string {
  const stem = basename(jsonPath).replace(/\.json$/i, '');
  return stem === 'model' ? 'weights.bin' : `${stem}.weights.bin`;
}
