import { readFile } from 'node:fs/promises';
import { decodeWav } from './decode-wav.js';
import { resample, type ResampleOptions } from './resample.js';

/** Mono audio at a known rate. */
export interface AudioClip {
  /** Float32 samples, full scale ±1. */
  readonly samples: Float32Array;
  /** Sample rate in Hz. */
  readonly sampleRate: number;
}

/** Options of {@link readWav}. */
export interface ReadWavOptions extends ResampleOptions {
  /** Resample to this rate in Hz (default 16 000). */
  readonly sampleRate?: number;
}

/** The default target rate of every loader: 16 kHz, as CPC and wav2vec use. */
export const DEFAULT_SAMPLE_RATE = 16_000;

/**
 * Reads a WAV file (any PCM/float encoding and channel count), mixes it to mono and resamples it
 * with an anti-aliasing filter to `sampleRate` (16 kHz by default).
 *
 * @example
 * ```ts
 * const clip = await readWav('speech.wav'); // clip.samples at 16 kHz
 * ```
 * @throws WavFormatError naming the file when it is not a WAV or is truncated.
 */
export async function readWav(path: string, options: ReadWavOptions = {}): Promise<AudioClip> {
  const bytes = await readFile(path);
  return decodeAndResample(bytes, path, options);
}

/** {@link readWav} on bytes already in memory; `name` is used in error messages. */
export function decodeAndResample(bytes: Uint8Array, name: string, options: ReadWavOptions = {}): AudioClip {
  const rate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  if (!(Number.isInteger(rate) && rate > 0)) throw new Error(`readWav(${name}): sampleRate must be a positive integer, got ${rate}`);
  const wav = decodeWav(bytes, name);
  return { samples: resample(wav.samples, wav.sampleRate, rate, options), sampleRate: rate };
}
