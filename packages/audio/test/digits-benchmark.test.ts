import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { tf } from '@pretext/core';
import { digitsLabelEfficiency, loadSpokenDigits, spokenDigits } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

beforeAll(useTestBackend);

test('the spoken-digit label-efficiency benchmark, tiny and seeded', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'pretext-digits-bench-'));
  await spokenDigits({ outDir, speakers: ['en-us+m3', 'en-gb+f2', 'en-gb-scotland+m7', 'en-029+f4'], rates: [160], pitches: [35, 65], seed: 1 });
  const data = await loadSpokenDigits(outDir);
  const before = tf.memory().numTensors;
  const report = await digitsLabelEfficiency({
    data,
    clipSamples: 4000,
    methods: [{ objective: 'cpc', config: { encoder: { channels: 16 }, context: { units: 16 }, predictionSteps: 3, sameUtteranceNegatives: 4, batchNegatives: 4 } }],
    pretrain: { maxSeconds: 20, maxSteps: 4, batchSize: 8 },
    fractions: [0.5, 1],
    seeds: [0],
    supervisedMaxEpochs: 1,
  });
  expect(tf.memory().numTensors).toBe(before);
  const methods = ['mfcc', 'cpc', 'cpc-supervised'];
  for (const task of ['digit', 'speaker'] as const) {
    for (const method of methods) {
      for (const fraction of [0.5, 1]) {
        const row = report.rows.find((r) => r.task === task && r.method === method && r.fraction === fraction);
        expect(row, `${task}/${method}/${fraction}`).toBeDefined();
        expect(row!.accuracy).toBeGreaterThanOrEqual(0);
        expect(row!.accuracy).toBeLessThanOrEqual(1);
      }
    }
  }
  expect(report.pretraining).toEqual([expect.objectContaining({ method: 'cpc', steps: 4 })]);
  expect(report.summary.map((s) => s.protocol)).toContain('speaker/mfcc');
  // Three training voices, held-out takes: MFCC statistics tell espeak-ng voices apart.
  const mfccSpeaker = report.rows.find((r) => r.task === 'speaker' && r.method === 'mfcc' && r.fraction === 1)!;
  expect(mfccSpeaker.accuracy).toBeGreaterThan(0.6);
});
