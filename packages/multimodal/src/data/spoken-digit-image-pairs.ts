import { DEFAULT_SAMPLE_RATE, loadSpokenDigits, spokenDigits, type SpokenDigitsOptions } from '@pretext/audio';
import { mnist } from '@pretext/vision';
import { ClassMatchedPairs } from './class-matched-pairs.js';
import { audioMedia, imageMedia } from './media-set.js';

/** Options of {@link spokenDigitImagePairs}. */
export interface SpokenDigitImagePairsOptions {
  /** Folder of the spoken-digit corpus: built there with audio's `spokenDigits` (espeak-ng) unless already built with the same options. */
  readonly corpusDir: string;
  /** How to build the corpus (speakers, rates, pitches, noise, split; see audio's `spokenDigits`). Default: audio's defaults. */
  readonly corpus?: Omit<SpokenDigitsOptions, 'outDir'>;
  /** Sample rate of the waveforms (default 16 kHz). */
  readonly sampleRate?: number;
  /** Samples per clip (centred crop or zero padding; default one second). */
  readonly length?: number;
  /** Seed of vision's MNIST split (default 0). */
  readonly mnistSeed?: number;
}

/** Spoken digits paired with handwritten digits, split for training and testing. */
export interface SpokenDigitImagePairs {
  /** Clips of the training speakers, paired with MNIST training images of the same digit. */
  readonly train: ClassMatchedPairs;
  /** Clips of the held-out speakers, paired with MNIST test images of the same digit. */
  readonly test: ClassMatchedPairs;
}

/**
 * Audio–image pairs for a CLIP between spoken and handwritten digits: spoken digits synthesised
 * with espeak-ng by audio's `spokenDigits` (speaker-held-out split) as anchors, each paired with an
 * MNIST image of the same digit drawn afresh every epoch (training clips with the 8,000 training
 * images, held-out speakers' clips with the 2,000 test images). Batches are `{ wave, x, y? }`.
 *
 * @throws Error saying how to install espeak-ng when the corpus must be built and it is missing.
 */
export async function spokenDigitImagePairs(options: SpokenDigitImagePairsOptions): Promise<SpokenDigitImagePairs> {
  await spokenDigits({ ...options.corpus, outDir: options.corpusDir });
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const data = await loadSpokenDigits(options.corpusDir, { sampleRate });
  const { train, test } = await mnist(options.mnistSeed !== undefined ? { seed: options.mnistSeed } : {});
  const length = options.length ?? sampleRate;
  const clipsOf = (heldOut: boolean) => data.splits.flatMap((s, i) => ((s === 'test') === heldOut ? [i] : []));
  const audio = (indices: number[]) =>
    audioMedia(indices.map((i) => data.clips[i]!), {
      length,
      labels: Int32Array.from(indices, (i) => data.digits[i]!),
      classNames: train.classNames,
      sources: indices.map((i) => data.meta[i]!.file),
    });
  const trainClips = clipsOf(false);
  const testClips = clipsOf(true);
  if (trainClips.length === 0 || testClips.length === 0) throw new Error(`spokenDigitImagePairs(${options.corpusDir}): the corpus split has no ${trainClips.length === 0 ? 'training' : 'test'} clip; use more speakers`);
  return { train: new ClassMatchedPairs(audio(trainClips), imageMedia(train)), test: new ClassMatchedPairs(audio(testClips), imageMedia(test)) };
}
