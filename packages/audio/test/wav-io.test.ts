import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeWav, encodeWav, fitLength, readWav, resample, WavFormatError, type WavBitDepth } from '../src/index.js';

const sine = (n: number, hz: number, rate: number, amp = 0.5) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
const rms = (x: Float32Array, from = 0, to = x.length) => Math.sqrt(x.subarray(from, to).reduce((s, v) => s + v * v, 0) / (to - from));

describe('decodeWav', () => {
  test.each<[WavBitDepth, number]>([
    ['8', 1 / 64],
    ['16', 1e-4],
    ['24', 1e-6],
    ['32', 1e-6],
    ['32f', 1e-7],
    ['64', 1e-7],
  ])('reads %s-bit stereo and mixes it to mono', (depth, tol) => {
    const left = sine(200, 440, 8000, 0.6);
    const right = Float32Array.from(left, (_, i) => (i % 2 ? 0.2 : -0.2));
    const wav = decodeWav(encodeWav([left, right], 8000, depth), `x-${depth}.wav`);
    expect(wav).toMatchObject({ sampleRate: 8000, channels: 2, bitDepth: depth });
    expect(wav.samples.length).toBe(200);
    for (let i = 0; i < 200; i += 17) expect(Math.abs(wav.samples[i]! - (left[i]! + right[i]!) / 2)).toBeLessThan(tol);
  });

  test('reads 5 channels at 11025 Hz', () => {
    const chans = [0.1, 0.2, 0.3, 0.4, -0.5].map((v) => new Float32Array(50).fill(v));
    const wav = decodeWav(encodeWav(chans, 11025, '16'), 'five.wav');
    expect(wav.channels).toBe(5);
    expect(wav.samples[10]).toBeCloseTo(0.1, 3);
  });

  test('a truncated file is an error naming it', () => {
    const bytes = encodeWav([sine(1000, 100, 8000)], 8000, '16');
    expect(() => decodeWav(bytes.slice(0, bytes.length - 100), 'cut.wav')).toThrow(/cut\.wav: truncated WAV/);
    expect(() => decodeWav(bytes.slice(0, 30), 'stub.wav')).toThrow(/stub\.wav: truncated or malformed WAV/);
    expect(() => decodeWav(bytes.slice(0, bytes.length - 1), 'odd.wav')).toThrow(WavFormatError);
  });

  test('a non-WAV file is an error naming it', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 this is an mp3, honestly'), 'song.mp3')).toThrow(/song\.mp3: not a WAV file/);
    expect(() => decodeWav(new Uint8Array(4), 'tiny.wav')).toThrow(/tiny\.wav: not a WAV file/);
  });
});

describe('resample', () => {
  test('keeps a tone in the pass band: frequency, amplitude and length', () => {
    const out = resample(sine(44100, 1000, 44100), 44100, 16000);
    expect(out.length).toBe(16000);
    expect(rms(out, 1000, 15000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    const ref = sine(16000, 1000, 16000);
    for (let i = 2000; i < 14000; i += 997) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(0.01);
  });

  test('filters a tone above the target Nyquist instead of aliasing it', () => {
    // 7 kHz at 44.1 kHz → 8 kHz would alias to 1 kHz without the anti-aliasing low-pass.
    const out = resample(sine(44100, 7000, 44100), 44100, 8000);
    expect(rms(out, 500, 7500)).toBeLessThan(0.01);
    const input = sine(44100, 7000, 44100);
    let naive = 0;
    for (let j = 500; j < 7500; j++) naive += input[Math.round((j * 44100) / 8000)]! ** 2;
    expect(Math.sqrt(naive / 7000)).toBeGreaterThan(0.3); // what plain decimation would have kept
  });

  test('upsamples', () => {
    const out = resample(sine(8000, 440, 8000), 8000, 16000);
    const ref = sine(16000, 440, 16000);
    expect(out.length).toBe(16000);
    for (let i = 1000; i < 15000; i += 1231) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(0.01);
  });
});

test('readWav reads a file, mixes and resamples it to 16 kHz by default', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pretext-wav-'));
  const path = join(dir, 'a.wav');
  await writeFile(path, encodeWav([sine(22050, 300, 22050), sine(22050, 300, 22050)], 22050, '24'));
  const clip = await readWav(path);
  expect(clip.sampleRate).toBe(16000);
  expect(clip.samples.length).toBe(16000);
  expect(rms(clip.samples, 1000, 15000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  const at8k = await readWav(path, { sampleRate: 8000 });
  expect(at8k.samples.length).toBe(8000);
  await writeFile(join(dir, 'bad.wav'), 'not audio');
  await expect(readWav(join(dir, 'bad.wav'))).rejects.toThrow(/bad\.wav: not a WAV file/);
});

test('fitLength centres, crops and pads', () => {
  expect([...fitLength(Float32Array.from([1, 2, 3, 4, 5]), 3)]).toEqual([2, 3, 4]);
  expect([...fitLength(Float32Array.from([1, 2]), 4)]).toEqual([0, 1, 2, 0]);
});
