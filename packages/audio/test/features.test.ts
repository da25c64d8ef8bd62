import { beforeAll, describe, expect, test } from 'vitest';
import { clipFeatures, hzToMel, logMelSpectrogram, melFilterbank, melToHz, mfcc, powerSpectrogram } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

beforeAll(useTestBackend);

const sine = (n: number, hz: number, rate = 16000) => Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
const argmax = (x: ArrayLike<number>, from: number, len: number) => {
  let best = 0;
  for (let i = 1; i < len; i++) if (x[from + i]! > x[from + best]!) best = i;
  return best;
};

describe('spectral front ends', () => {
  test('power spectrogram: 25 ms / 10 ms frames, peak at the tone bin', () => {
    const spec = powerSpectrogram(sine(16000, 1000), { preEmphasis: 0 });
    expect(spec).toMatchObject({ frames: 98, bins: 257, fftSize: 512 });
    expect(argmax(spec.data, 50 * 257, 257)).toBe(32); // 1000 Hz · 512 / 16000
  });

  test('mel scale and filterbank', () => {
    expect(melToHz(hzToMel(1234))).toBeCloseTo(1234, 6);
    expect(hzToMel(1000)).toBeCloseTo(1000, 0);
    const fb = melFilterbank(40, 512, 16000, 20, 8000);
    expect(fb.length).toBe(40 * 257);
    for (let b = 0; b < 40; b++) {
      const row = fb.subarray(b * 257, (b + 1) * 257);
      expect(Math.max(...row)).toBeGreaterThan(0.3);
      expect(Math.max(...row)).toBeLessThanOrEqual(1);
    }
    expect(() => melFilterbank(40, 512, 16000, 0, 9000)).toThrow(/fMax/);
  });

  test('log-mel: a higher tone peaks in a higher band', () => {
    const low = logMelSpectrogram(sine(8000, 300));
    const high = logMelSpectrogram(sine(8000, 3000));
    expect(low.dims).toBe(40);
    expect(argmax(high.data, 20 * 40, 40)).toBeGreaterThan(argmax(low.data, 20 * 40, 40) + 10);
  });

  test('MFCC: c0 tracks loudness; orthonormal DCT of log-mel', () => {
    const x = sine(8000, 500);
    const quiet = Float32Array.from(x, (v) => v / 10);
    const a = mfcc(x);
    const b = mfcc(quiet);
    expect(a.dims).toBe(13);
    // 20 dB quieter: every log-mel band drops by ln(100), c0 by ln(100)·√40.
    expect(a.data[10 * 13]! - b.data[10 * 13]!).toBeCloseTo(Math.log(100) * Math.sqrt(40), 1);
    expect(a.data[10 * 13 + 3]! - b.data[10 * 13 + 3]!).toBeCloseTo(0, 2);
  });

  test('clipFeatures pools mean and std per clip', () => {
    const clips = [sine(4000, 400), sine(6000, 2000)].map((samples) => ({ samples, sampleRate: 16000 }));
    const x = clipFeatures(clips);
    expect(x.shape).toEqual([2, 26]);
    const logMel = clipFeatures(clips, { kind: 'log-mel', melBands: 20 });
    expect(logMel.shape).toEqual([2, 40]);
    x.dispose();
    logMel.dispose();
  });
});
