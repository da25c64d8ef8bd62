import { mixSeed, tf, type Batch } from '@pretext/core';
import type { MediaSet } from './media-set.js';
import { pairBatches, partnerChoices, type PairBatchOptions } from './pair-batches.js';

const DEFAULT_KEYS = { image: 'x', audio: 'wave' } as const;

/** Options of {@link ClassMatchedPairs.batches}. */
export interface ClassMatchedBatchOptions extends PairBatchOptions {
  /** Batch key of the anchor side (default by modality: `x` for images, `wave` for audio). */
  readonly anchorKey?: string;
  /** Batch key of the partner side (default by modality). */
  readonly partnerKey?: string;
}

/**
 * Pairs of two labeled media sets without a natural one-to-one pairing (spoken digits and
 * handwritten digits): every anchor item is paired with a partner item of the SAME class, drawn
 * afresh every epoch, so that over the epochs an anchor meets many partners of its class.
 */
export class ClassMatchedPairs {
  /** One pair per anchor item per epoch. */
  readonly anchors: MediaSet;
  /** Where the partners are drawn from. */
  readonly partners: MediaSet;
  private readonly pools: readonly number[][];

  /** @throws Error when a set is unlabeled or an anchor's class has no partner. */
  constructor(anchors: MediaSet, partners: MediaSet) {
    const [ya, yp] = [anchors.labels, partners.labels];
    if (!ya || !yp) throw new Error('ClassMatchedPairs: both media sets must be labeled');
    const classes = Math.max(ya.reduce((m, c) => Math.max(m, c), 0), yp.reduce((m, c) => Math.max(m, c), 0)) + 1;
    const pools: number[][] = Array.from({ length: classes }, () => []);
    yp.forEach((c, i) => pools[c]!.push(i));
    const orphan = ya.find((c) => pools[c]!.length === 0);
    if (orphan !== undefined) throw new Error(`ClassMatchedPairs: class ${orphan} has anchors but no partner to pair them with`);
    this.anchors = anchors;
    this.partners = partners;
    this.pools = pools;
  }

  /** Number of pairs (anchor items). */
  get count(): number {
    return this.anchors.count;
  }

  /** Class index per pair. */
  get labels(): Int32Array {
    return this.anchors.labels!;
  }

  /** The partner item of every anchor, drawn with `seed` (a fixed pairing for evaluation). */
  pickPartners(seed = 0): number[] {
    const choice = partnerChoices(this.count, (i) => this.poolOf(i).length, mixSeed(seed, 0x65766131));
    return Array.from(choice, (c, i) => this.poolOf(i)[c]!);
  }

  /**
   * A Trainer data source `(epoch) => batches`: each `{ [anchorKey]: anchors, [partnerKey]:
   * partners, y? }`, every anchor once per epoch in a seeded order, each with a partner of its
   * class drawn with a seed of the epoch.
   */
  batches(options: ClassMatchedBatchOptions): (epoch: number) => Iterable<Batch> {
    const where = 'ClassMatchedPairs.batches';
    const anchorKey = options.anchorKey ?? DEFAULT_KEYS[this.anchors.modality];
    const partnerKey = options.partnerKey ?? DEFAULT_KEYS[this.partners.modality];
    if (anchorKey === partnerKey) throw new Error(`${where}: both sides would be '${anchorKey}'; pass anchorKey or partnerKey`);
    return pairBatches(
      {
        count: this.count,
        where,
        partnerCount: (i) => this.poolOf(i).length,
        makeBatch: (items, partners) => {
          const batch: Record<string, tf.Tensor> = {
            [anchorKey]: this.anchors.gather(items),
            [partnerKey]: this.partners.gather(items.map((i, k) => this.poolOf(i)[partners[k]!]!)),
          };
          if (options.withLabels) batch.y = tf.tensor1d(Int32Array.from(items, (i) => this.labels[i]!), 'int32');
          return batch;
        },
      },
      options,
    );
  }

  private poolOf(anchor: number): number[] {
    return this.pools[this.labels[anchor]!]!;
  }
}
