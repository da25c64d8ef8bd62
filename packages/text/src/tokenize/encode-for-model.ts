import { Rng, tf, type Batch } from '@pretext/core';
import { SPECIAL_IDS } from './special-tokens.js';
import type { TextTokenizer } from './text-tokenizer.js';

/** Options of {@link encodeForModel}. */
export interface EncodeForModelOptions {
  /** Length T of every row: longer texts are truncated, shorter ones padded with `[PAD]` (0). */
  readonly maxLength: number;
  /** Wrap each text as `[CLS] … [SEP]` (BERT) or `[BOS] … [EOS]` (GPT); default none. */
  readonly wrap?: 'cls-sep' | 'bos-eos' | 'none';
}

/** Encodes texts into a padded int32 `[N, T]` matrix of ids (row-major). */
export async function encodeForModel(tokenizer: TextTokenizer, texts: readonly string[], options: EncodeForModelOptions): Promise<Int32Array> {
  const t = options.maxLength;
  if (!(Number.isInteger(t) && t >= 2)) throw new Error(`encodeForModel: maxLength must be an integer ≥ 2, got ${t}`);
  const [open, close] = options.wrap === 'cls-sep' ? [SPECIAL_IDS.cls, SPECIAL_IDS.sep] : options.wrap === 'bos-eos' ? [SPECIAL_IDS.bos, SPECIAL_IDS.eos] : [undefined, undefined];
  const body = t - (open === undefined ? 0 : 2);
  const out = new Int32Array(texts.length * t);
  const ids = await tokenizer.encodeBatch(texts);
  ids.forEach((row, i) => {
    const seq = open === undefined ? row.slice(0, body) : [open, ...row.slice(0, body), close!];
    out.set(seq, i * t);
  });
  return out;
}

/**
 * Cuts token streams into rows of `length` ids (pre-training chunks: a long document gives many
 * rows; the last partial row of a document is padded). Documents are separated by nothing: each
 * starts a new row.
 */
export function chunkTokens(docs: readonly (readonly number[])[], length: number, minTokens = 2): Int32Array {
  const rows: number[][] = [];
  for (const d of docs) for (let s = 0; s < d.length; s += length) if (d.length - s >= minTokens) rows.push(d.slice(s, s + length));
  const out = new Int32Array(rows.length * length);
  rows.forEach((r, i) => out.set(r, i * length));
  return out;
}

/**
 * A Trainer data source over an `[N, T]` id matrix: each epoch `(epoch) => batches`, shuffled
 * with `mixSeed`-free seeded order `seed + epoch`, each batch `{ tokens: int32 [B, T] }` (plus
 * `y` when labels are given). The last partial batch is dropped when `dropLast` (default true).
 */
export function tokenBatches(ids: Int32Array, length: number, batchSize: number, seed: number, labels?: Int32Array, dropLast = true): (epoch: number) => Iterable<Batch> {
  const n = ids.length / length;
  if (!Number.isInteger(n)) throw new Error(`tokenBatches: ${ids.length} ids are not rows of ${length}`);
  return (epoch) => {
    const order = new Rng(seed + epoch * 7919).permutation(n);
    const batches = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    return (function* () {
      for (let b = 0; b < batches; b++) {
        const rows = order.slice(b * batchSize, (b + 1) * batchSize);
        const data = new Int32Array(rows.length * length);
        rows.forEach((r, i) => data.set(ids.subarray(r * length, (r + 1) * length), i * length));
        const batch: Record<string, tf.Tensor> = { tokens: tf.tensor2d(data, [rows.length, length], 'int32') };
        if (labels) batch.y = tf.tensor1d(Int32Array.from(rows, (r) => labels[r]!), 'int32');
        yield batch;
      }
    })();
  };
}
