import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { extractEmbeddings, initBackend, tf, type BackendName } from '@pretext/core';
import { Command } from 'commander';
import { resolveData } from '../data/resolve-data.js';
import { progressBar } from '../io/progress.js';
import { checkEmbeddingFormat, EMBEDDING_FORMATS, writeEmbeddings } from '../io/write-embeddings.js';
import { loadModalities } from '../modalities/load-modalities.js';
import { BACKEND_HELP, backendOption, positiveInt } from '../options.js';
import { inputsOf, loadRunEncoder, type ExampleInputs } from '../run/run-inputs.js';
import { readRunMeta } from '../run/run-meta.js';
import { encoderInputKind } from './probe.js';

/** Options of `pretext embed`. */
export interface EmbedOptions {
  readonly encoder: string;
  readonly data: string;
  readonly out: string;
  readonly batchSize: number;
  readonly backend?: BackendName;
}

/** Embeds `x.inputs` in batches with a progress bar; returns `[N, D]` values. */
async function embedAll(encoder: tf.LayersModel, x: ExampleInputs, batchSize: number): Promise<{ values: Float32Array; dim: number }> {
  const n = x.inputs.shape[0]!;
  const bar = progressBar('embedding', n);
  const parts: Float32Array[] = [];
  let dim = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const slice = tf.slice(x.inputs, start, size);
    const e = await extractEmbeddings(encoder, slice, { batchSize });
    slice.dispose();
    dim = e.shape[1];
    parts.push((await e.data()) as Float32Array);
    e.dispose();
    bar.tick(size);
  }
  bar.done();
  const values = new Float32Array(n * dim);
  let offset = 0;
  for (const p of parts) {
    values.set(p, offset);
    offset += p.length;
  }
  return { values, dim };
}

/**
 * `pretext embed`: embeds every example of `--data` (train then test split for built-in sets) with
 * a saved encoder, decoded as at pre-training, and writes JSONL, `.npy`, Arrow/Feather or Parquet.
 */
export async function embed(o: EmbedOptions): Promise<void> {
  const { run } = await readRunMeta(o.encoder);
  const m = await loadModalities();
  checkEmbeddingFormat(o.out);
  const data = await resolveData(o.data, encoderInputKind(run), `the ${run.objective} encoder`, m, { imageSize: run.imageSize, channels: run.channels, sampleRate: run.sampleRate });
  await initBackend(o.backend ? { prefer: o.backend, strict: true } : {});
  const { encoder, tokenizer } = await loadRunEncoder(m, o.encoder, run);
  try {
    const parts = [data.train, ...(data.test ? [data.test] : [])];
    const values: Float32Array[] = [];
    const sources: string[] = [];
    const labels: number[] = [];
    let classes: readonly string[] | undefined;
    let dim = 0;
    let labeled = true;
    let withSources = true;
    for (const part of parts) {
      const x = await inputsOf(m, data, part, run, tokenizer);
      try {
        const e = await embedAll(encoder, x, o.batchSize);
        dim = e.dim;
        values.push(e.values);
        if (x.sources) sources.push(...x.sources);
        else withSources = false;
        if (x.labels) labels.push(...x.labels);
        else labeled = false;
        classes ??= x.classes;
      } finally {
        x.inputs.dispose();
      }
    }
    const rows = values.reduce((s, v) => s + v.length, 0) / dim;
    const all = new Float32Array(rows * dim);
    values.reduce((off, v) => (all.set(v, off), off + v.length), 0);
    await mkdir(dirname(o.out), { recursive: true });
    await writeEmbeddings(o.out, { values: all, rows, dim, sources: withSources ? sources : undefined, labels: labeled ? Int32Array.from(labels) : undefined, classes });
    process.stdout.write(`wrote ${rows} embeddings of dimension ${dim} to ${o.out}\n`);
  } finally {
    encoder.dispose();
  }
}

/** The `pretext embed` command. */
export function embedCommand(): Command {
  return new Command('embed')
    .description('embed data with a saved encoder and write the vectors to a file')
    .requiredOption('--encoder <dir>', 'an encoder saved by `pretext pretrain` (its --out)')
    .requiredOption('--data <path|name>', 'data of the encoder\'s kind (a path or a built-in set)')
    .requiredOption('--out <file>', `output file; the extension picks the format:\n${Object.entries(EMBEDDING_FORMATS).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`)
    .option('--batch-size <n>', 'examples per forward pass', positiveInt, 256)
    .option('--backend <name>', BACKEND_HELP, backendOption)
    .action(async (o: EmbedOptions) => embed(o));
}
