import { stackWaves, type AudioClip } from '@pretext/audio';
import type { tf } from '@pretext/core';
import type { ImageDataset } from '@pretext/vision';

/**
 * The media side of a pair set (images or audio clips), held in memory and turned into tensors
 * only batch by batch.
 */
export interface MediaSet {
  readonly modality: 'image' | 'audio';
  /** Number of items. */
  readonly count: number;
  /** Class index per item, when the media came labeled (class sub-folders, MNIST digits). */
  readonly labels: Int32Array | undefined;
  /** Name of each class index. */
  readonly classNames: readonly string[];
  /** Where each item came from (file paths or ids), for messages. */
  readonly sources: readonly string[] | undefined;
  /**
   * The items at `indices` (all by default) as one tensor the caller owns: images
   * `[n, H, W, C]` float32 in [0, 1], or waveforms `[n, samples]` float32.
   */
  gather(indices?: readonly number[]): tf.Tensor;
  /** A new set of the items at `indices`. */
  subset(indices: readonly number[]): MediaSet;
}

/** Images of a vision `ImageDataset` as a {@link MediaSet}. */
export function imageMedia(dataset: ImageDataset): MediaSet {
  return {
    modality: 'image',
    count: dataset.count,
    labels: dataset.labels,
    classNames: dataset.classNames,
    sources: dataset.sources,
    gather: (indices) => dataset.images(indices),
    subset: (indices) => imageMedia(dataset.subset(indices)),
  };
}

/** Options of {@link audioMedia}. */
export interface AudioMediaOptions {
  /** Samples per clip in a batch: clips are centred and cropped or zero-padded (default: the longest clip). */
  readonly length?: number;
  readonly labels?: Int32Array | undefined;
  readonly classNames?: readonly string[];
  readonly sources?: readonly string[];
}

/** Audio clips (mono, one sample rate) as a {@link MediaSet} of fixed-length waveforms. */
export function audioMedia(clips: readonly AudioClip[], options: AudioMediaOptions = {}): MediaSet {
  if (clips.length === 0) throw new Error('audioMedia: no clips');
  const rates = new Set(clips.map((c) => c.sampleRate));
  if (rates.size > 1) throw new Error(`audioMedia: the clips have several sample rates (${[...rates].join(', ')}); resample them to one`);
  const length = options.length ?? clips.reduce((m, c) => Math.max(m, c.samples.length), 0);
  if (!(Number.isInteger(length) && length > 0)) throw new Error(`audioMedia: length must be a positive integer, got ${length}`);
  for (const [name, n] of [['labels', options.labels?.length], ['sources', options.sources?.length]] as const) {
    if (n !== undefined && n !== clips.length) throw new Error(`audioMedia: ${n} ${name} for ${clips.length} clips`);
  }
  const pick = <T>(a: readonly T[] | undefined, idx: readonly number[]): T[] | undefined => a && idx.map((i) => a[checkIndex(i, clips.length)]!);
  return {
    modality: 'audio',
    count: clips.length,
    labels: options.labels,
    classNames: options.classNames ?? [],
    sources: options.sources,
    gather: (indices) => stackWaves(indices ? pick(clips, indices)! : clips, length),
    subset: (indices) =>
      audioMedia(pick(clips, indices)!, {
        length,
        labels: options.labels && Int32Array.from(indices, (i) => options.labels![checkIndex(i, clips.length)]!),
        classNames: options.classNames ?? [],
        ...(options.sources ? { sources: pick(options.sources, indices)! } : {}),
      }),
  };
}

function checkIndex(i: number, count: number): number {
  if (!(Number.isInteger(i) && i >= 0 && i < count)) throw new Error(`audioMedia: index ${i} is out of range [0, ${count})`);
  return i;
}
