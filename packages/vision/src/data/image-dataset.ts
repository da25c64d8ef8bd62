import { mixSeed, Rng, tf, type Batch } from '@pretext/core';

/** What an {@link ImageDataset} is built from: uint8 pixels and optional labels. */
export interface ImageDatasetInit {
  /** `count · height · width · channels` bytes, image after image, rows top to bottom, HWC. */
  readonly pixels: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** Class index per image, or `undefined` for an unlabeled set. */
  readonly labels?: Int32Array | undefined;
  /** Name of each class index (sub-folder names, or `'0'..'9'` for MNIST). */
  readonly classNames?: readonly string[];
  /** Where each image came from (file paths, or ids), for messages. */
  readonly sources?: readonly string[];
}

/** Options of {@link ImageDataset.batches}. */
export interface ImageBatchOptions {
  /** Images per batch. */
  readonly batchSize: number;
  /** Seed of the per-epoch shuffles (epoch e uses `mixSeed(seed, e)`); default 0. */
  readonly seed?: number;
  /** Shuffle each epoch (default true). */
  readonly shuffle?: boolean;
  /** Drop the last, smaller batch (default true: contrastive losses want full batches). */
  readonly dropLast?: boolean;
  /** Include labels as `y` (int32 `[B]`) when the set has them (default false). */
  readonly withLabels?: boolean;
}

/**
 * Images held in memory as uint8 (the decode cache), turned into float32 `[B, H, W, C]`
 * tensors in [0, 1] only batch by batch.
 */
export class ImageDataset {
  readonly pixels: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly labels: Int32Array | undefined;
  readonly classNames: readonly string[];
  readonly sources: readonly string[] | undefined;

  constructor(init: ImageDatasetInit) {
    const { pixels, height, width, channels } = init;
    for (const [name, v] of [['height', height], ['width', width], ['channels', channels]] as const) {
      if (!(Number.isInteger(v) && v > 0)) throw new Error(`ImageDataset: ${name} must be a positive integer, got ${v}`);
    }
    const size = height * width * channels;
    if (pixels.length % size !== 0) {
      throw new Error(`ImageDataset: ${pixels.length} bytes is not a whole number of ${height}×${width}×${channels} images`);
    }
    const count = pixels.length / size;
    if (init.labels && init.labels.length !== count) {
      throw new Error(`ImageDataset: ${init.labels.length} labels for ${count} images`);
    }
    if (init.sources && init.sources.length !== count) {
      throw new Error(`ImageDataset: ${init.sources.length} sources for ${count} images`);
    }
    this.pixels = pixels;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.labels = init.labels;
    this.classNames = init.classNames ?? [];
    this.sources = init.sources;
  }

  /** Number of images. */
  get count(): number {
    return this.pixels.length / this.imageSize;
  }

  /** Bytes per image. */
  get imageSize(): number {
    return this.height * this.width * this.channels;
  }

  /** The images at `indices` (all by default) as a float32 `[n, H, W, C]` tensor in [0, 1]. */
  images(indices?: readonly number[]): tf.Tensor4D {
    const bytes = indices ? this.gatherPixels(indices) : this.pixels;
    const n = bytes.length / this.imageSize;
    return tf.tidy(() => tf.div(tf.tensor4d(bytes, [n, this.height, this.width, this.channels], 'int32'), 255));
  }

  /** The labels at `indices` (all by default) as an int32 `[n]` tensor. */
  labelTensor(indices?: readonly number[]): tf.Tensor1D {
    const y = this.requireLabels('labelTensor');
    return tf.tensor1d(indices ? Int32Array.from(indices, (i) => y[this.checkIndex(i)]!) : y, 'int32');
  }

  /** The labels at `indices` (all by default) as an array. */
  labelArray(indices?: readonly number[]): Int32Array {
    const y = this.requireLabels('labelArray');
    return indices ? Int32Array.from(indices, (i) => y[this.checkIndex(i)]!) : y.slice();
  }

  /** A new dataset of the images at `indices` (pixels copied). */
  subset(indices: readonly number[]): ImageDataset {
    return new ImageDataset({
      pixels: this.gatherPixels(indices),
      height: this.height,
      width: this.width,
      channels: this.channels,
      labels: this.labels ? Int32Array.from(indices, (i) => this.labels![i]!) : undefined,
      classNames: this.classNames,
      sources: this.sources ? indices.map((i) => this.sources![i]!) : undefined,
    });
  }

  /**
   * A data source for core's `Trainer`: `(epoch) => batches`, each `{ x }` (plus `y` with
   * `withLabels`), shuffled with a seed derived from `seed` and the epoch so that a resumed run
   * sees the same order. Batches are created lazily; the consumer disposes them.
   */
  batches(options: ImageBatchOptions): (epoch: number) => Iterable<Batch> {
    const { batchSize, seed = 0, shuffle = true, dropLast = true, withLabels = false } = options;
    if (!(Number.isInteger(batchSize) && batchSize > 0)) {
      throw new Error(`ImageDataset.batches: batchSize must be a positive integer, got ${batchSize}`);
    }
    if (withLabels) this.requireLabels('batches({ withLabels: true })');
    if (dropLast && batchSize > this.count) {
      throw new Error(`ImageDataset.batches: batchSize ${batchSize} exceeds the ${this.count} images (with dropLast)`);
    }
    return (epoch) => {
      const order = shuffle
        ? new Rng(mixSeed(seed, epoch)).permutation(this.count)
        : Array.from({ length: this.count }, (_, i) => i);
      const end = dropLast ? this.count - (this.count % batchSize) : this.count;
      const batchAt = (start: number): Batch => {
        const idx = order.slice(start, Math.min(start + batchSize, end));
        const x = this.images(idx);
        return withLabels ? { x, y: this.labelTensor(idx) } : { x };
      };
      return {
        *[Symbol.iterator](): Iterator<Batch> {
          for (let start = 0; start < end; start += batchSize) yield batchAt(start);
        },
      };
    };
  }

  private gatherPixels(indices: readonly number[]): Uint8Array {
    const size = this.imageSize;
    const out = new Uint8Array(indices.length * size);
    indices.forEach((i, k) => {
      const j = this.checkIndex(i);
      out.set(this.pixels.subarray(j * size, (j + 1) * size), k * size);
    });
    return out;
  }

  private checkIndex(i: number): number {
    if (!(Number.isInteger(i) && i >= 0 && i < this.count)) {
      throw new Error(`ImageDataset: index ${i} is out of range [0, ${this.count})`);
    }
    return i;
  }

  private requireLabels(where: string): Int32Array {
    if (!this.labels) throw new Error(`ImageDataset.${where}: this dataset is unlabeled`);
    return this.labels;
  }
}
