import { Rng, mixSeed, tf, type Batch } from '@pretext/core';

/** Options of {@link waveBatches}. */
export interface WaveBatchOptions {
  /** Clips per batch. */
  readonly batchSize: number;
  /** Seed of the per-epoch shuffles (epoch e uses `mixSeed(seed, e)`, so resumed runs match). */
  readonly seed?: number;
  /** Drop the last incomplete batch (default true: contrastive losses like equal batches). */
  readonly dropLast?: boolean;
  /** Labels to carry as `y` (int32), e.g. for monitors; pre-training ignores them. */
  readonly labels?: Int32Array;
}

/**
 * A `Trainer` data source over a `[N, samples]` waveform tensor: `(epoch) => batches`, each
 * `{ wave: [B, samples] }` (plus `y` with labels), in a seeded shuffled order per epoch. The
 * batches are new tensors the trainer disposes; `waves` is not disposed.
 */
export function waveBatches(waves: tf.Tensor2D, options: WaveBatchOptions): (epoch: number) => Iterable<Batch> {
  const n = waves.shape[0];
  const { batchSize } = options;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error(`waveBatches: batchSize must be a positive integer, got ${batchSize}`);
  if (options.labels && options.labels.length !== n) throw new Error(`waveBatches: ${options.labels.length} labels for ${n} clips`);
  const dropLast = options.dropLast ?? true;
  const seed = options.seed ?? 0;
  return (epoch: number) => {
    const order = new Rng(mixSeed(seed, epoch)).permutation(n);
    const starts: number[] = [];
    for (let s = 0; s < n; s += batchSize) if (!dropLast || s + batchSize <= n) starts.push(s);
    return (function* (): Generator<Batch> {
      for (const s of starts) {
        const idx = order.slice(s, s + batchSize);
        const batch: Record<string, tf.Tensor> = { wave: tf.tidy(() => tf.gather(waves, tf.tensor1d(idx, 'int32'))) };
        if (options.labels) batch.y = tf.tensor1d(idx.map((i) => options.labels![i]!), 'int32');
        yield batch;
      }
    })();
  };
}
