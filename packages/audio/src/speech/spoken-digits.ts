import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng, mixSeed } from '@pretext/core';
import { defaultSpeakers, DIGIT_WORDS } from './digit-voices.js';
import { forEachLimited, runTool } from './external-tool.js';
import { makeNoiseBeds, mixNoise, type NoiseColour } from './sox-noise.js';
import { speakerHeldOutSplit, type DigitSplit } from './speaker-split.js';

/** Background noise added to a seeded fraction of the clips with sox. */
export interface DigitNoiseOptions {
  /** Fraction of clips that get noise, in [0, 1]. */
  readonly fraction: number;
  /** SNR range in dB, drawn uniformly per noisy clip (default [5, 20]). */
  readonly snrDb?: readonly [number, number];
}

/** Options of {@link spokenDigits}. */
export interface SpokenDigitsOptions {
  /** Folder the corpus is written to (created); a corpus already there with the same options is reused. */
  readonly outDir: string;
  /** espeak-ng voices (`accent+variant`), one speaker each (default {@link defaultSpeakers}: 96). */
  readonly speakers?: readonly string[];
  /** Speaking rates in words per minute (default [130, 170, 210]). */
  readonly rates?: readonly number[];
  /** Pitches, 0–99 (default [30, 50, 70]). */
  readonly pitches?: readonly number[];
  /** Background noise (default none). Needs `sox`. */
  readonly noise?: DigitNoiseOptions;
  /** Fraction of speakers held out for the speaker-independent test set (default 0.25). */
  readonly testSpeakers?: number;
  /** Fraction of each training speaker's clips held out for speaker identification (default 0.2). */
  readonly speakerTestFraction?: number;
  /** Seed of the split and the noise (default 0). */
  readonly seed?: number;
  /** espeak-ng processes at once (default 2). */
  readonly concurrency?: number;
}

/** One clip of the corpus. */
export interface SpokenDigitClip {
  /** Path relative to the corpus folder. */
  readonly file: string;
  readonly digit: number;
  /** The espeak-ng voice, the speaker label. */
  readonly speaker: string;
  readonly rate: number;
  readonly pitch: number;
  /** Noise colour and SNR, or null for a clean clip. */
  readonly noise: { readonly colour: NoiseColour; readonly snrDb: number } | null;
  readonly split: DigitSplit;
}

/** The corpus index written to `corpus.json`. */
export interface SpokenDigitsCorpus {
  readonly format: 'pretext-spoken-digits';
  readonly version: 1;
  /** The options it was built from (defaults filled, `outDir` and `concurrency` left out). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly clips: SpokenDigitClip[];
}

/** Name of the index file in a corpus folder. */
export const CORPUS_INDEX = 'corpus.json';

/**
 * Builds a spoken-digit corpus with espeak-ng: the ten digits said by every speaker (an
 * espeak-ng accent + voice variant) at every speaking rate and pitch, as 16-bit WAVs at
 * espeak-ng's 22 050 Hz, optionally with background noise (white, pink or brown, synthesised by
 * sox) mixed in at a seeded SNR; plus a
 * seeded split holding whole speakers out of training (see {@link speakerHeldOutSplit}). Writes
 * `corpus.json` last, so an interrupted build is redone; an existing corpus built with the same
 * options is returned as is.
 *
 * @example
 * ```ts
 * const corpus = await spokenDigits({ outDir: 'data/digits', noise: { fraction: 0.3 } });
 * const data = await loadSpokenDigits('data/digits');
 * ```
 * @throws Error saying how to install espeak-ng (or sox) when it is missing.
 */
export async function spokenDigits(options: SpokenDigitsOptions): Promise<SpokenDigitsCorpus> {
  const where = `spokenDigits(${options.outDir})`;
  const config = normalize(options, where);
  const existing = await readExisting(options.outDir, config);
  if (existing) return existing;
  await mkdir(options.outDir, { recursive: true });
  await rm(join(options.outDir, CORPUS_INDEX), { force: true });
  const rng = new Rng(mixSeed(config.seed, 1));
  const plan = config.speakers.flatMap((speaker) =>
    DIGIT_WORDS.flatMap((_, digit) =>
      config.rates.flatMap((rate) =>
        config.pitches.map((pitch) => {
          const noisy = config.noise !== null && rng.next() < config.noise.fraction;
          const noise = noisy
            ? { colour: (['whitenoise', 'pinknoise', 'brownnoise'] as const)[rng.int(3)]!, snrDb: round2(rng.uniform(config.noise!.snrDb[0], config.noise!.snrDb[1])), offset: rng.next() }
            : null;
          const file = `${speaker.replace(/[^\w.-]/g, '_')}/${digit}-r${rate}-p${pitch}.wav`;
          return { file, digit, speaker, rate, pitch, noise };
        }),
      ),
    ),
  );
  const beds = config.noise ? await makeNoiseBeds(options.outDir, 22_050, where) : [];
  for (const speaker of config.speakers) await mkdir(join(options.outDir, speaker.replace(/[^\w.-]/g, '_')), { recursive: true });
  await forEachLimited(plan, options.concurrency ?? 2, async (c) => {
    const path = join(options.outDir, c.file);
    const cleanPath = c.noise ? `${path}.clean.wav` : path;
    await runTool('espeak-ng', ['-v', c.speaker, '-s', String(c.rate), '-p', String(c.pitch), '-w', cleanPath, DIGIT_WORDS[c.digit]!], where);
    if (c.noise) {
      const bed = beds.find((b) => b.colour === c.noise!.colour)!;
      await mixNoise(cleanPath, path, bed, c.noise.offset, c.noise.snrDb, where);
      await rm(cleanPath, { force: true });
    }
  });
  const splits = speakerHeldOutSplit(plan.map((c) => c.speaker), config.testSpeakers, config.speakerTestFraction, config.seed);
  const corpus: SpokenDigitsCorpus = {
    format: 'pretext-spoken-digits',
    version: 1,
    config: config as unknown as Record<string, unknown>,
    clips: plan.map(({ noise, ...c }, i) => ({ ...c, noise: noise && { colour: noise.colour, snrDb: noise.snrDb }, split: splits[i]! })),
  };
  const tmp = join(options.outDir, `${CORPUS_INDEX}.tmp`);
  await writeFile(tmp, JSON.stringify(corpus, null, 1));
  await rename(tmp, join(options.outDir, CORPUS_INDEX));
  return corpus;
}

interface NormalizedConfig {
  readonly speakers: string[];
  readonly rates: number[];
  readonly pitches: number[];
  readonly noise: { readonly fraction: number; readonly snrDb: [number, number] } | null;
  readonly testSpeakers: number;
  readonly speakerTestFraction: number;
  readonly seed: number;
}

function normalize(o: SpokenDigitsOptions, where: string): NormalizedConfig {
  const speakers = [...(o.speakers ?? defaultSpeakers())];
  const rates = [...(o.rates ?? [130, 170, 210])];
  const pitches = [...(o.pitches ?? [30, 50, 70])];
  if (speakers.length < 2 || new Set(speakers).size !== speakers.length) throw new Error(`${where}: speakers must be at least 2 distinct espeak-ng voices`);
  if (speakers.some((s) => !/^[\w.+-]+$/.test(s))) throw new Error(`${where}: a speaker must be an espeak-ng voice name like 'en-us+f2'`);
  if (rates.length === 0 || rates.some((r) => !(Number.isInteger(r) && r >= 80 && r <= 450))) throw new Error(`${where}: rates must be integers in [80, 450] words per minute`);
  if (pitches.length === 0 || pitches.some((p) => !(Number.isInteger(p) && p >= 0 && p <= 99))) throw new Error(`${where}: pitches must be integers in [0, 99]`);
  let noise: NormalizedConfig['noise'] = null;
  if (o.noise) {
    const snrDb = o.noise.snrDb ?? [5, 20];
    if (!(o.noise.fraction >= 0 && o.noise.fraction <= 1)) throw new Error(`${where}: noise.fraction must be in [0, 1]`);
    if (!(snrDb[0] <= snrDb[1])) throw new Error(`${where}: noise.snrDb must be [min, max]`);
    noise = { fraction: o.noise.fraction, snrDb: [snrDb[0], snrDb[1]] };
  }
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed)) throw new Error(`${where}: seed must be an integer`);
  return { speakers, rates, pitches, noise, testSpeakers: o.testSpeakers ?? 0.25, speakerTestFraction: o.speakerTestFraction ?? 0.2, seed };
}

async function readExisting(dir: string, config: NormalizedConfig): Promise<SpokenDigitsCorpus | undefined> {
  let corpus: SpokenDigitsCorpus;
  try {
    corpus = JSON.parse(await readFile(join(dir, CORPUS_INDEX), 'utf8')) as SpokenDigitsCorpus;
  } catch {
    return undefined;
  }
  if (corpus.format !== 'pretext-spoken-digits' || JSON.stringify(corpus.config) !== JSON.stringify(config)) return undefined;
  for (const c of corpus.clips) if (!(await stat(join(dir, c.file)).then((s) => s.isFile(), () => false))) return undefined;
  return corpus;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
