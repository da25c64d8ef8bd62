import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readWav, type AudioClip, type ReadWavOptions } from '../wav/read-wav.js';
import type { DigitSplit } from './speaker-split.js';
import { CORPUS_INDEX, type SpokenDigitClip, type SpokenDigitsCorpus } from './spoken-digits.js';

/** A spoken-digit corpus in memory. */
export interface SpokenDigitsData {
  /** Every clip, mono at the requested rate, in corpus order. */
  readonly clips: AudioClip[];
  /** Digit label per clip (0–9). */
  readonly digits: Int32Array;
  /** Speaker label per clip, into `speakerNames`. */
  readonly speakers: Int32Array;
  /** Speaker (espeak-ng voice) names, sorted. */
  readonly speakerNames: string[];
  /** Split of each clip. */
  readonly splits: DigitSplit[];
  /** The corpus index entries. */
  readonly meta: SpokenDigitClip[];
}

/**
 * Loads a corpus written by `spokenDigits`: reads its `corpus.json` and every WAV, resampled to
 * `sampleRate` (16 kHz by default).
 *
 * @throws Error naming the folder when it holds no corpus index; WavFormatError naming a bad clip.
 */
export async function loadSpokenDigits(dir: string, options: ReadWavOptions = {}): Promise<SpokenDigitsData> {
  let corpus: SpokenDigitsCorpus;
  try {
    corpus = JSON.parse(await readFile(join(dir, CORPUS_INDEX), 'utf8')) as SpokenDigitsCorpus;
  } catch (e) {
    throw new Error(`loadSpokenDigits(${dir}): no readable ${CORPUS_INDEX} (build the corpus with spokenDigits first): ${e instanceof Error ? e.message : String(e)}`);
  }
  if (corpus.format !== 'pretext-spoken-digits') throw new Error(`loadSpokenDigits(${dir}): ${CORPUS_INDEX} is not a spoken-digits index`);
  const speakerNames = [...new Set(corpus.clips.map((c) => c.speaker))].sort();
  const index = new Map(speakerNames.map((s, i) => [s, i]));
  const clips: AudioClip[] = [];
  for (const c of corpus.clips) clips.push(await readWav(join(dir, c.file), options));
  return {
    clips,
    digits: Int32Array.from(corpus.clips, (c) => c.digit),
    speakers: Int32Array.from(corpus.clips, (c) => index.get(c.speaker)!),
    speakerNames,
    splits: corpus.clips.map((c) => c.split),
    meta: corpus.clips,
  };
}
