import { extname } from 'node:path';
import type { Vector } from 'apache-arrow';
import { writeFileAtomic } from '@pretext/core';
import { CliError } from '../cli-error.js';
import { encodeNpy } from './write-npy.js';

/** Embeddings with what is known about each row. */
export interface EmbeddingTable {
  /** `[rows, dim]` row-major. */
  readonly values: Float32Array;
  readonly rows: number;
  readonly dim: number;
  readonly sources?: readonly string[] | undefined;
  readonly labels?: Int32Array | undefined;
  readonly classes?: readonly string[] | undefined;
}

/** Output formats of `pretext embed`, by file extension. */
export const EMBEDDING_FORMATS: Readonly<Record<string, string>> = {
  '.jsonl': 'JSON Lines: {"index", "source"?, "label"?, "class"?, "embedding": […]} per row',
  '.npy': 'NumPy float32 [rows, dim] (metadata-free)',
  '.arrow': 'Arrow IPC file (apache-arrow): index, source?, label?, class?, embedding (fixed-size list of float32)',
  '.feather': 'Feather v2 (= Arrow IPC file), same columns',
  '.parquet': 'Parquet (hyparquet-writer): index, source?, label?, class?, embedding (list of float)',
};

function row(t: EmbeddingTable, i: number): Float32Array {
  return t.values.subarray(i * t.dim, (i + 1) * t.dim);
}

function* jsonl(t: EmbeddingTable): Generator<Uint8Array> {
  const enc = new TextEncoder();
  for (let i = 0; i < t.rows; i++) {
    const label = t.labels?.[i];
    const rec = {
      index: i,
      ...(t.sources ? { source: t.sources[i] } : {}),
      ...(label !== undefined ? { label, ...(t.classes?.[label] !== undefined ? { class: t.classes[label] } : {}) } : {}),
      embedding: Array.from(row(t, i)),
    };
    yield enc.encode(`${JSON.stringify(rec)}\n`);
  }
}

async function arrow(t: EmbeddingTable): Promise<Uint8Array> {
  const a = await import('apache-arrow');
  const list = new a.FixedSizeList(t.dim, new a.Field('item', new a.Float32(), false));
  const child = a.makeData({ type: new a.Float32(), length: t.rows * t.dim, nullCount: 0, data: t.values });
  const columns: Record<string, Vector> = {
    index: a.makeVector(Int32Array.from({ length: t.rows }, (_, i) => i)),
    ...(t.sources ? { source: a.vectorFromArray([...t.sources], new a.Utf8()) } : {}),
    ...(t.labels ? { label: a.makeVector(t.labels) } : {}),
    ...(t.labels && t.classes?.length ? { class: a.vectorFromArray(Array.from(t.labels, (l) => t.classes![l] ?? String(l)), new a.Utf8()) } : {}),
    embedding: a.makeVector(a.makeData({ type: list, length: t.rows, nullCount: 0, child })),
  };
  return a.tableToIPC(new a.Table(columns), 'file');
}

async function parquet(t: EmbeddingTable): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const columnData = [
    { name: 'index', data: Int32Array.from({ length: t.rows }, (_, i) => i), type: 'INT32' as const },
    ...(t.sources ? [{ name: 'source', data: [...t.sources], type: 'STRING' as const }] : []),
    ...(t.labels ? [{ name: 'label', data: t.labels, type: 'INT32' as const }] : []),
    ...(t.labels && t.classes?.length ? [{ name: 'class', data: Array.from(t.labels, (l) => t.classes![l] ?? String(l)), type: 'STRING' as const }] : []),
    { name: 'embedding', data: Array.from({ length: t.rows }, (_, i) => Array.from(row(t, i))) },
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

const EXTENSIONS = ['.jsonl', '.ndjson', '.npy', '.arrow', '.feather', '.parquet'];

/**
 * Checks that `file`'s extension names a format of {@link EMBEDDING_FORMATS} (before any work is done).
 * @throws CliError for an unknown extension.
 */
export function checkEmbeddingFormat(file: string): void {
  const ext = extname(file).toLowerCase();
  if (!EXTENSIONS.includes(ext)) {
    throw new CliError(`--out ${file}: unknown format '${ext || '(no extension)'}'; use ${Object.keys(EMBEDDING_FORMATS).join(', ')}`);
  }
}

/**
 * Writes embeddings to `file` in the format its extension names (see {@link EMBEDDING_FORMATS}), atomically.
 * @throws CliError for an unknown extension.
 */
export async function writeEmbeddings(file: string, t: EmbeddingTable): Promise<void> {
  checkEmbeddingFormat(file);
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return writeFileAtomic(file, jsonl(t));
  if (ext === '.npy') return writeFileAtomic(file, encodeNpy(t.values, [t.rows, t.dim]));
  if (ext === '.arrow' || ext === '.feather') return writeFileAtomic(file, await arrow(t));
  return writeFileAtomic(file, await parquet(t));
}
