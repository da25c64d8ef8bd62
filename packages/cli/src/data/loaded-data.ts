import type { AudioClip } from '@pretext/audio';
import type { CaptionPairs } from '@pretext/multimodal';
import type { ImageDataset } from '@pretext/vision';

/** Texts, with class labels when the source has them. */
export interface TextSet {
  readonly texts: string[];
  readonly labels?: Int32Array | undefined;
  readonly classes?: readonly string[] | undefined;
  /** Where each text came from (file or file:line), for `embed`'s output. */
  readonly sources?: readonly string[] | undefined;
}

/** Audio clips (mono, one sample rate), with class labels when the source has them. */
export interface AudioSet {
  readonly clips: AudioClip[];
  readonly labels?: Int32Array | undefined;
  readonly classes?: readonly string[] | undefined;
  readonly sources?: readonly string[] | undefined;
}

/**
 * Data resolved from `--data`: a training part and, for built-in sets with a fixed split, a
 * held-out test part (which `probe` evaluates on and `pretrain` never sees).
 */
export type LoadedData =
  | { readonly kind: 'images'; readonly name: string; readonly train: ImageDataset; readonly test?: ImageDataset | undefined }
  | { readonly kind: 'text'; readonly name: string; readonly train: TextSet; readonly test?: TextSet | undefined }
  | { readonly kind: 'audio'; readonly name: string; readonly train: AudioSet; readonly test?: AudioSet | undefined }
  | { readonly kind: 'pairs'; readonly name: string; readonly train: CaptionPairs; readonly test?: CaptionPairs | undefined };

/** Options that decide how data is decoded; recorded at pre-training so that probes decode alike. */
export interface DataOptions {
  /** `[height, width]` images are resized to. */
  readonly imageSize: readonly [number, number];
  /** 1 (grayscale) or 3 (RGB). */
  readonly channels: 1 | 3;
  /** Audio sample rate in Hz. */
  readonly sampleRate: number;
}
