import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { spokenDigitImagePairs } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

const hasEspeak = ((): boolean => {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  await useTestBackend();
});

describe('spoken digits paired with MNIST images', () => {
  it.skipIf(!hasEspeak)('pairs each clip with an image of its digit, redrawn per epoch (espeak-ng corpus)', async () => {
    const corpusDir = await mkdtemp(join(tmpdir(), 'pretext-spoken-'));
    const { train, test } = await spokenDigitImagePairs({ corpusDir, corpus: { speakers: ['en-us+m3', 'en-gb+f2', 'en-029+f4', 'en-gb-scotland+m7'], rates: [160], pitches: [50], seed: 1 }, length: 8000 });
    expect(train.count + test.count).toBe(40);
    expect(test.count).toBe(10); // one of four speakers held out
    expect(train.partners.count).toBe(8000);
    expect(test.partners.count).toBe(2000);
    const data = train.batches({ batchSize: 10, seed: 2, withLabels: true, shuffle: false });
    const partnerLabels = (epoch: number): { digits: number[]; images: number[] } => {
      const [batch] = [...data(epoch)];
      expect(batch!.wave!.shape).toEqual([10, 8000]);
      expect(batch!.x!.shape).toEqual([10, 28, 28, 1]);
      const digits = Array.from(batch!.y!.dataSync());
      const images = Array.from(tf.tidy(() => tf.sum(batch!.x!, [1, 2, 3])).dataSync());
      tf.dispose(Object.values(batch!));
      return { digits, images };
    };
    const first = partnerLabels(0);
    // The image side is an MNIST image of the spoken digit.
    const picks = train.pickPartners(0);
    picks.forEach((p, i) => expect(train.partners.labels![p]).toBe(train.labels[i]));
    expect(first.digits).toEqual(Array.from(train.labels.slice(0, 10)));
    expect(partnerLabels(0)).toEqual(first); // seeded
    const next = partnerLabels(1);
    expect(next.digits).toEqual(first.digits); // the same clips (no shuffle) …
    expect(next.images).not.toEqual(first.images); // … with other images of their digits
  }, 120_000);
});
