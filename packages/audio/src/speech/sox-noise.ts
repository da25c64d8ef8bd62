import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeWav } from '../wav/decode-wav.js';
import { encodeWav } from '../wav/encode-wav.js';
import { runTool } from './external-tool.js';

/** Noise colours sox synthesises. */
export const NOISE_COLOURS = ['whitenoise', 'pinknoise', 'brownnoise'] as const;
/** One of {@link NOISE_COLOURS}. */
export type NoiseColour = (typeof NOISE_COLOURS)[number];

/** A long noise recording made once per corpus, from which clips take seeded segments. */
export interface NoiseBed {
  readonly colour: NoiseColour;
  readonly path: string;
  readonly seconds: number;
  /** The bed's samples (it is deleted from disk once read). */
  readonly samples: Float32Array;
  /** RMS of the bed, to set the gain for a target SNR. */
  readonly rms: number;
}

/** Seconds of each noise bed. */
const BED_SECONDS = 12;

/** Synthesises one noise bed per colour with `sox -R` (repeatable) at `sampleRate`, and reads it into memory. */
export async function makeNoiseBeds(dir: string, sampleRate: number, where: string): Promise<NoiseBed[]> {
  const beds: NoiseBed[] = [];
  for (const colour of NOISE_COLOURS) {
    const path = join(dir, `noise-${colour}.wav`);
    await runTool('sox', ['-R', '-n', '-r', String(sampleRate), '-c', '1', '-b', '16', path, 'synth', String(BED_SECONDS), colour, 'vol', '0.5'], where);
    const { samples } = await decodeWavFile(path);
    await rm(path, { force: true });
    beds.push({ colour, path, seconds: BED_SECONDS, samples, rms: rms(samples) });
  }
  return beds;
}

/**
 * Adds a segment of `bed` (starting at `offset` ∈ [0, 1) of the room the bed leaves past the clip)
 * to the clean clip at `snrDb` dB (signal RMS over noise RMS), writing 16-bit `outPath`.
 * The clip and the bed must share a sample rate.
 */
export async function mixNoise(cleanPath: string, outPath: string, bed: NoiseBed, offset: number, snrDb: number, where: string): Promise<void> {
  const clean = await decodeWavFile(cleanPath);
  const n = clean.samples.length;
  if (n > bed.samples.length) throw new Error(`${where}: ${cleanPath} is longer than the ${bed.seconds} s noise bed`);
  const start = Math.floor(offset * (bed.samples.length - n));
  const gain = rms(clean.samples) / (Math.max(bed.rms, 1e-12) * 10 ** (snrDb / 20));
  const mixed = Float32Array.from(clean.samples, (v, i) => v + gain * bed.samples[start + i]!);
  await writeFile(outPath, encodeWav([mixed], clean.sampleRate, '16'));
}

async function decodeWavFile(path: string): Promise<{ samples: Float32Array; sampleRate: number }> {
  return decodeWav(await readFile(path), path);
}

/** Root mean square of a signal. */
export function rms(samples: Float32Array): number {
  let s = 0;
  for (let i = 0; i < samples.length; i++) s += samples[i]! * samples[i]!;
  return Math.sqrt(s / Math.max(1, samples.length));
}
