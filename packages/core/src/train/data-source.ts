import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../objective/objective.js';

/** A one-pass or re-iterable stream of batches. */
export type BatchIterable = AsyncIterable<Batch> | Iterable<Batch>;

/**
 * Where the {@link Trainer} gets its batches:
 * - a tfjs-data `tf.data.Dataset` of batches (iterated afresh each epoch);
 * - an `Iterable` or `AsyncIterable` of batches: an array (or any object whose iterator is new
 *   each time) is re-iterated each epoch; a generator is one pass and training ends when it does;
 * - a function `(epoch) => iterable`, called once per epoch (0-based): the form that makes resuming
 *   exact for shuffled data, since the resumed run re-creates the epoch and skips what was consumed.
 *
 * A dataset that reshuffles on each iteration (`shuffle(n, seed)` with the default
 * `reshuffleEachIteration`) draws its order from how many iterators it made, so a resumed run sees
 * another order; pass a function that builds the epoch's dataset with `mixSeed(seed, epoch)` instead.
 */
export type DataSource =
  | tf.data.Dataset<Batch>
  | BatchIterable
  | ((epoch: number) => BatchIterable | tf.data.Dataset<Batch>);

/** Whether `data` can be iterated again from the start for each epoch. */
export function isReiterable(data: DataSource): boolean {
  if (typeof data === 'function' || data instanceof tf.data.Dataset) return true;
  // An iterator (a generator object) is its own iterable and yields once; an array or a collection
  // hands out a new iterator each time.
  return typeof (data as { next?: unknown }).next !== 'function';
}

/**
 * The number of batches one epoch of `data` yields, when it can be known without iterating:
 * an array's length or a finite `Dataset.size`. `undefined` otherwise.
 */
export function knownEpochLength(data: DataSource): number | undefined {
  if (Array.isArray(data)) return data.length;
  if (data instanceof tf.data.Dataset) {
    const size = data.size;
    return typeof size === 'number' && Number.isInteger(size) && size >= 0 ? size : undefined;
  }
  return undefined;
}

/** An async iterator over the batches of epoch `epoch` of `data`. */
export async function openEpoch(data: DataSource, epoch: number): Promise<AsyncIterator<Batch>> {
  const source = typeof data === 'function' ? data(epoch) : data;
  if (source instanceof tf.data.Dataset) return datasetIterator(source);
  const asyncIt = (source as Partial<AsyncIterable<Batch>>)[Symbol.asyncIterator];
  if (typeof asyncIt === 'function') return asyncIt.call(source);
  const syncIt = (source as Partial<Iterable<Batch>>)[Symbol.iterator];
  if (typeof syncIt === 'function') return syncToAsync(syncIt.call(source));
  throw new Error(
    `Trainer.fit: data${typeof data === 'function' ? `(epoch ${epoch})` : ''} is not a tf.data.Dataset, ` +
      'an Iterable or an AsyncIterable of batches',
  );
}

/**
 * Checks that `value` is a batch (an object of tensors) and returns it.
 * @throws Error naming the epoch and the index of the offending batch.
 */
export function asBatch(value: unknown, epoch: number, index: number): Batch {
  const where = `Trainer.fit: batch ${index} of epoch ${epoch}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof tf.Tensor) {
    throw new Error(`${where} is not an object of named tensors ({ x: tf.Tensor, ... }), got ${describe(value)}`);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) throw new Error(`${where} has no tensors`);
  for (const [k, t] of entries) {
    if (!(t instanceof tf.Tensor)) throw new Error(`${where}: '${k}' is not a tf.Tensor, got ${describe(t)}`);
    if (t.isDisposed) throw new Error(`${where}: tensor '${k}' is already disposed (is the same tensor yielded twice?)`);
  }
  return value as Batch;
}

/** The number of samples in a batch: the leading dimension of `x`, else of its first tensor. */
export function batchSize(batch: Batch): number {
  const t = batch.x ?? Object.values(batch)[0];
  return t !== undefined && t.rank > 0 ? t.shape[0]! : 1;
}

/** Frees every tensor of a batch. */
export function disposeBatch(batch: Batch): void {
  for (const t of Object.values(batch)) if (!t.isDisposed) t.dispose();
}

async function datasetIterator(ds: tf.data.Dataset<Batch>): Promise<AsyncIterator<Batch>> {
  const it = await ds.iterator();
  return { next: () => it.next() };
}

function syncToAsync(it: Iterator<Batch>): AsyncIterator<Batch> {
  return {
    next: async () => it.next(),
    return: async () => it.return?.() ?? { done: true, value: undefined },
  };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof tf.Tensor) return `a bare tensor of shape [${v.shape}]`;
  return typeof v;
}
