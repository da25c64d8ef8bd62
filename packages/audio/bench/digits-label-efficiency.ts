/**
 * Spoken-digit label-efficiency benchmark (not run in tests).
 *
 *   pnpm exec tsx --conditions=development packages/audio/bench/digits-label-efficiency.ts [--minutes 30] [--out DIR] [--corpus DIR]
 *
 * Builds (or reuses) the espeak-ng spoken-digit corpus (96 speakers × 10 digits × 3 rates × 3 pitches,
 * 30 % of clips with background noise), pre-trains CPC and the wav2vec-style objective on the
 * unlabeled training clips for at most `--minutes` each, and reports digit recognition (held-out
 * speakers) and speaker identification (held-out takes) at 1 % and 10 % labels over 3 seeds: a
 * linear probe on each pre-trained encoder vs. the same probe on MFCC features vs. the encoder
 * trained supervised-only. Writes results.json and results.md to `--out`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '@pretext/core';
import { digitsLabelEfficiency, loadSpokenDigits, spokenDigits } from '../src/index.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    out: { type: 'string', default: 'bench-results/audio-digits' },
    corpus: { type: 'string', default: 'data/spoken-digits' },
    steps: { type: 'string', default: '100000' },
  },
});
const minutes = Number(values.minutes);
if (!(minutes > 0 && minutes <= 30)) throw new Error(`--minutes must be in (0, 30], got ${values.minutes}`);

const backend = await initBackend();
console.log(`backend: ${backend.backend}`);
const corpus = await spokenDigits({ outDir: values.corpus, noise: { fraction: 0.3 }, seed: 0 });
console.log(`corpus: ${corpus.clips.length} clips in ${values.corpus}`);
const data = await loadSpokenDigits(values.corpus);
const encoder = { channels: 256 };
const report = await digitsLabelEfficiency({
  data,
  clipSamples: 16_000,
  methods: [
    { objective: 'cpc', config: { encoder, context: { units: 256 }, predictionSteps: 12 } },
    { objective: 'wav2vec', config: { encoder, context: { dModel: 256, layers: 4, heads: 4 }, distractors: 50 } },
  ],
  pretrain: { maxSeconds: minutes * 60, maxSteps: Number(values.steps), batchSize: 32, lr: 5e-4, seed: 0 },
  fractions: [0.01, 0.1],
  seeds: [0, 1, 2],
  log: (line) => console.log(line),
});
await mkdir(values.out, { recursive: true });
await writeFile(join(values.out, 'results.json'), JSON.stringify({ backend: backend.backend, ...report }, null, 1));
const table = [
  '| task / method | labels | accuracy (mean ± std, 3 seeds) |',
  '|---|---|---|',
  ...report.summary.map((s) => `| ${s.protocol} | ${(s.fraction * 100).toFixed(0)} % | ${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)} |`),
];
await writeFile(join(values.out, 'results.md'), `${table.join('\n')}\n`);
console.log(table.join('\n'));
