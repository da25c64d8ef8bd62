import { mixSeed, Rng, type Batch } from '@pretext/core';

/** Seed purpose of the per-epoch choice among an item's partners (kept apart from the shuffle). */
const CHOICE_PURPOSE = 0x63686f31;

/** Options shared by the pair data sources' `batches`. */
export interface PairBatchOptions {
  /** Pairs per batch. */
  readonly batchSize: number;
  /**
   * Seed of the per-epoch shuffle and partner choice (epoch e shuffles with `mixSeed(seed, e)`),
   * so that a resumed run sees the same batches; default 0.
   */
  readonly seed?: number;
  /** Shuffle each epoch (default true). */
  readonly shuffle?: boolean;
  /** Drop the last, smaller batch (default true: the contrastive loss wants full batches). */
  readonly dropLast?: boolean;
  /** Include the items' class labels as `y` (int32 `[B]`) when the set has them (default false). */
  readonly withLabels?: boolean;
}

/** What {@link pairBatches} needs to know about a pair set. */
export interface PairBatchPlan {
  /** Number of items (one pair per item per epoch). */
  readonly count: number;
  /** How many partners item i can be paired with (its captions, or the images of its class). */
  readonly partnerCount: (item: number) => number;
  /** Builds the batch of `items`, each paired with partner `partners[k]` of item `items[k]`. */
  readonly makeBatch: (items: readonly number[], partners: readonly number[]) => Batch;
  /** Name of the caller, for errors. */
  readonly where: string;
}

/**
 * A Trainer data source `(epoch) => batches` over a set of items that each have one or several
 * partners: every epoch visits each item once (in a seeded shuffled order) and pairs it with one
 * partner drawn uniformly with a seed of the epoch, so that an image meets its different captions
 * in different epochs. Batches are built lazily; the consumer (the Trainer) disposes them.
 */
export function pairBatches(plan: PairBatchPlan, options: PairBatchOptions): (epoch: number) => Iterable<Batch> {
  const { batchSize, seed = 0, shuffle = true, dropLast = true } = options;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error(`${plan.where}: batchSize must be a positive integer, got ${batchSize}`);
  if (dropLast && batchSize > plan.count) throw new Error(`${plan.where}: batchSize ${batchSize} exceeds the ${plan.count} pairs (with dropLast)`);
  return (epoch) => {
    const order = shuffle ? new Rng(mixSeed(seed, epoch)).permutation(plan.count) : Array.from({ length: plan.count }, (_, i) => i);
    const partners = partnerChoices(plan.count, plan.partnerCount, mixSeed(seed, CHOICE_PURPOSE, epoch));
    const end = dropLast ? plan.count - (plan.count % batchSize) : plan.count;
    return {
      *[Symbol.iterator](): Iterator<Batch> {
        for (let start = 0; start < end; start += batchSize) {
          const items = order.slice(start, Math.min(start + batchSize, end));
          yield plan.makeBatch(items, items.map((i) => partners[i]!));
        }
      },
    };
  };
}

/** One partner index per item, drawn uniformly among its `partnerCount(i)` with `seed`. */
export function partnerChoices(count: number, partnerCount: (item: number) => number, seed: number): Int32Array {
  const rng = new Rng(seed);
  return Int32Array.from({ length: count }, (_, i) => rng.int(partnerCount(i)));
}
