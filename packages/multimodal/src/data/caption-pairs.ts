import { mixSeed, tf, type Batch } from '@pretext/core';
import { encodeForModel } from '@pretext/text';
import type { MediaSet } from './media-set.js';
import { pairBatches, partnerChoices, type PairBatchOptions } from './pair-batches.js';
import type { CaptionTokenization } from './tokenize-captions.js';

/** Options of {@link CaptionPairs.batches}. */
export interface CaptionBatchOptions extends PairBatchOptions, CaptionTokenization {
  /** Batch key of the media (default `x` for images, `wave` for audio: the towers' defaults). */
  readonly mediaKey?: string;
  /** Batch key of the caption token ids (default `tokens`). */
  readonly textKey?: string;
}

/**
 * Media items (images or audio clips) with one or several captions each: the data of a
 * media–text CLIP. {@link CaptionPairs.batches} is a Trainer data source whose batches pair each
 * item with one of its captions, drawn afresh every epoch.
 */
export class CaptionPairs {
  /** The media side. */
  readonly media: MediaSet;
  /** The captions of each item (at least one each). */
  readonly captions: readonly (readonly string[])[];

  constructor(media: MediaSet, captions: readonly (readonly string[])[]) {
    if (captions.length !== media.count) throw new Error(`CaptionPairs: ${captions.length} caption lists for ${media.count} items`);
    const bare = captions.findIndex((c) => c.length === 0);
    if (bare >= 0) throw new Error(`CaptionPairs: item ${bare}${media.sources ? ` (${media.sources[bare]})` : ''} has no caption`);
    this.media = media;
    this.captions = captions;
  }

  /** Number of items. */
  get count(): number {
    return this.media.count;
  }

  /** Class index per item, when the media are labeled. */
  get labels(): Int32Array | undefined {
    return this.media.labels;
  }

  /** A new pair set of the items at `indices`. */
  subset(indices: readonly number[]): CaptionPairs {
    return new CaptionPairs(this.media.subset(indices), indices.map((i) => this.captions[i]!));
  }

  /** Every distinct caption, in first-seen order. */
  distinctCaptions(): string[] {
    return [...new Set(this.captions.flat())];
  }

  /**
   * One caption per item, drawn uniformly with `seed` (for a fixed evaluation pairing, e.g.
   * retrieval over a test set).
   */
  pickCaptions(seed = 0): string[] {
    const choice = partnerChoices(this.count, (i) => this.captions[i]!.length, mixSeed(seed, 0x65766131));
    return this.captions.map((c, i) => c[choice[i]!]!);
  }

  /**
   * A Trainer data source `(epoch) => batches`: each batch `{ [mediaKey]: media, [textKey]: int32
   * [B, maxLength] token ids, y? }`, every item once per epoch in a seeded order, paired with one
   * of its captions drawn with a seed of the epoch. The captions are tokenised once, here.
   */
  async batches(options: CaptionBatchOptions): Promise<(epoch: number) => Iterable<Batch>> {
    const where = 'CaptionPairs.batches';
    const mediaKey = options.mediaKey ?? (this.media.modality === 'image' ? 'x' : 'wave');
    const textKey = options.textKey ?? 'tokens';
    if (mediaKey === textKey) throw new Error(`${where}: mediaKey and textKey are both '${mediaKey}'`);
    if (options.withLabels && !this.labels) throw new Error(`${where}: withLabels needs labeled media`);
    const distinct = this.distinctCaptions();
    const row = new Map(distinct.map((c, i) => [c, i]));
    const t = options.maxLength;
    const ids = await encodeForModel(options.tokenizer, distinct, { maxLength: t, ...(options.wrap ? { wrap: options.wrap } : {}) });
    const rows = this.captions.map((list) => list.map((c) => row.get(c)!));
    return pairBatches(
      {
        count: this.count,
        where,
        partnerCount: (i) => rows[i]!.length,
        makeBatch: (items, partners) => {
          const tokens = new Int32Array(items.length * t);
          items.forEach((item, k) => {
            const r = rows[item]![partners[k]!]!;
            tokens.set(ids.subarray(r * t, (r + 1) * t), k * t);
          });
          const batch: Record<string, tf.Tensor> = { [mediaKey]: this.media.gather(items), [textKey]: tf.tensor2d(tokens, [items.length, t], 'int32') };
          if (options.withLabels) batch.y = tf.tensor1d(Int32Array.from(items, (i) => this.labels![i]!), 'int32');
          return batch;
        },
      },
      options,
    );
  }
}
