import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSpokenDigits, speakerHeldOutSplit, spokenDigits, splitIndices } from '../src/index.js';

const rmsOf = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
const SPEAKERS = ['en-us+m3', 'en-gb+f2', 'en-gb-scotland+m7', 'en-029+f4'];

describe('spokenDigits (espeak-ng, sox)', () => {
  test('builds, labels and splits a corpus; reuses it; loads it at 16 kHz', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'pretext-digits-'));
    const options = { outDir, speakers: SPEAKERS, rates: [150], pitches: [50], noise: { fraction: 0.5, snrDb: [10, 10] as const }, seed: 7 };
    const corpus = await spokenDigits(options);
    expect(corpus.clips).toHaveLength(4 * 10);
    expect(new Set(corpus.clips.map((c) => c.digit))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const noisy = corpus.clips.filter((c) => c.noise !== null);
    expect(noisy.length).toBeGreaterThan(10);
    expect(noisy.length).toBeLessThan(30);
    expect(noisy.every((c) => c.noise!.snrDb === 10)).toBe(true);
    // One speaker (25 %) is held out entirely; training speakers keep 20 % of their takes for speaker-id tests.
    const testSpeakers = new Set(corpus.clips.filter((c) => c.split === 'test').map((c) => c.speaker));
    expect(testSpeakers.size).toBe(1);
    expect(corpus.clips.filter((c) => testSpeakers.has(c.speaker)).every((c) => c.split === 'test')).toBe(true);
    expect(corpus.clips.filter((c) => c.split === 'speaker-test')).toHaveLength(3 * 2);

    const first = (await stat(join(outDir, corpus.clips[0]!.file))).mtimeMs;
    const again = await spokenDigits(options);
    expect(again).toEqual(corpus);
    expect((await stat(join(outDir, corpus.clips[0]!.file))).mtimeMs).toBe(first);

    const data = await loadSpokenDigits(outDir);
    expect(data.clips).toHaveLength(40);
    expect(data.clips[0]!.sampleRate).toBe(16000);
    expect(data.clips[0]!.samples.length).toBeGreaterThan(8000); // espeak-ng speaks a digit in ~0.5–1 s
    expect(data.speakerNames).toEqual([...SPEAKERS].sort());
    expect(data.digits[5]).toBe(corpus.clips[5]!.digit);
    // espeak-ng pads its words with silence; at 10 dB SNR no 20 ms window of a noisy clip is that quiet.
    const quietest = (x: Float32Array) => Math.min(...Array.from({ length: Math.floor(x.length / 320) }, (_, w) => rmsOf(x.subarray(w * 320, (w + 1) * 320))));
    const noisyFloor = corpus.clips.flatMap((c, k) => (c.noise ? [quietest(data.clips[k]!.samples)] : []));
    const cleanFloor = corpus.clips.flatMap((c, k) => (c.noise ? [] : [quietest(data.clips[k]!.samples)]));
    expect(Math.min(...noisyFloor)).toBeGreaterThan(0.005);
    expect(Math.max(...cleanFloor)).toBeLessThan(0.002);
  });

  test('says how to install espeak-ng when it is missing', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'pretext-noespeak-'));
    const path = process.env.PATH;
    process.env.PATH = outDir;
    try {
      await expect(spokenDigits({ outDir, speakers: SPEAKERS.slice(0, 2), rates: [150], pitches: [50] })).rejects.toThrow(
        /'espeak-ng' was not found on PATH; install it with `apt-get install -y espeak-ng`/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});

test('speakerHeldOutSplit is seeded and holds whole speakers out', () => {
  const speakers = Array.from({ length: 200 }, (_, i) => `s${i % 8}`);
  const a = speakerHeldOutSplit(speakers, 0.25, 0.2, 1);
  expect(speakerHeldOutSplit(speakers, 0.25, 0.2, 1)).toEqual(a);
  expect(speakerHeldOutSplit(speakers, 0.25, 0.2, 2)).not.toEqual(a);
  const held = new Set(splitIndices(a, 'test').map((i) => speakers[i]));
  expect(held.size).toBe(2);
  expect(splitIndices(a, 'train').some((i) => held.has(speakers[i]))).toBe(false);
  expect(splitIndices(a, 'speaker-test')).toHaveLength(6 * 5);
});
