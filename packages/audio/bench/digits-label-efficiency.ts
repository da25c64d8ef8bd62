/**
 * Spoken-digit label-efficiency benchmark of @pretext/audio (run by hand on a quiet machine, not in
 * tests; a tiny seeded version is test/digits-benchmark.test.ts):
 *
 *   pnpm exec tsx --conditions=development packages/audio/bench/digits-label-efficiency.ts \
 *     [--minutes 30] [--methods cpc,wav2vec] [--channels 128] [--batch 16] [--seeds 0,1,2]
 *     [--corpus data/spoken-digits] [--out DIR] [--tag NAME] [--save-encoders DIR] [--load-encoders DIR]
 *     [--mfcc true] [--pretrained true] [--supervised true] [--supervised-fractions 0.01,0.1]
 *   … --merge a.json,b.json [--out DIR]   (join methods run as separate processes)
 *
 * Builds (or reuses) the espeak-ng spoken-digit corpus (96 speakers × 10 digits × 3 rates × 3
 * pitches, 30 % of clips with background noise), pre-trains each method on the unlabeled training
 * clips for at most `--minutes` (steps planned so that the warm-up + cosine schedule ends inside
 * the budget), and reports digit recognition (held-out speakers) and speaker identification
 * (held-out takes) at 1 % and 10 % labels over the seeds: a linear probe on each pre-trained
 * encoder vs. the same probe on MFCC features vs. the encoder trained supervised-only. Writes
 * `digits-label-efficiency[-TAG].json` and `.md` to `--out` (default bench/results of this package).
 * `--save-encoders DIR` keeps each pre-trained encoder (and `pretraining.json`) in `DIR/<method>`;
 * `--load-encoders DIR` evaluates those instead of pre-training again. The parts can run as
 * separate processes (`--methods cpc --mfcc false --pretrained false`: the supervised-only CPC
 * encoder only) and be joined with `--merge`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend, loadEncoder, saveEncoder, type BudgetedRun } from '@pretext/core';
import { digitsLabelEfficiency, loadSpokenDigits, spokenDigits, type DigitsBenchmarkReport, type PretrainedMethod } from '../src/index.js';
import { digitsMarkdown } from './digits-report.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    methods: { type: 'string', default: 'cpc,wav2vec' },
    channels: { type: 'string', default: '128' },
    batch: { type: 'string', default: '16' },
    seeds: { type: 'string', default: '0,1,2' },
    corpus: { type: 'string', default: 'data/spoken-digits' },
    steps: { type: 'string', default: '100000' },
    tag: { type: 'string', default: '' },
    merge: { type: 'string', default: '' },
    'save-encoders': { type: 'string' },
    'load-encoders': { type: 'string' },
    mfcc: { type: 'string', default: 'true' },
    pretrained: { type: 'string', default: 'true' },
    supervised: { type: 'string', default: 'true' },
    'supervised-fractions': { type: 'string', default: '0.01,0.1' },
    out: { type: 'string', default: resolve(fileURLToPath(new URL('.', import.meta.url)), 'results') },
  },
});
const log = (line: string): void => console.error(`[${new Date().toISOString()}] ${line}`);
type Result = { environment: Record<string, unknown> } & DigitsBenchmarkReport;

async function write(base: string, result: Result): Promise<void> {
  await mkdir(args.out, { recursive: true });
  await writeFile(join(args.out, `${base}.json`), `${JSON.stringify(result, null, 1)}\n`);
  await writeFile(join(args.out, `${base}.md`), digitsMarkdown(result));
  log(`wrote ${join(args.out, base)}.json and .md`);
}

if (args.merge) {
  const parts = await Promise.all(args.merge.split(',').map(async (file) => ({ file, ...(JSON.parse(await readFile(file, 'utf8')) as Result) })));
  const seen = new Set<string>();
  const key = (r: { task: string; method: string; protocol: string; fraction: number; seed: number }) => `${r.task}/${r.method}/${r.protocol}/${r.fraction}/${r.seed}`;
  const rows = parts.flatMap((p) => p.rows).filter((r) => !seen.has(key(r)) && seen.add(key(r)));
  const { summarizeLabelEfficiency } = await import('@pretext/core');
  const summary = summarizeLabelEfficiency(rows.map((r) => ({ ...r, protocol: `${r.task}/${r.method}` })));
  await write('digits-label-efficiency', {
    environment: { parts: parts.map((p) => ({ file: p.file, ...p.environment })) },
    rows,
    summary,
    pretraining: parts.flatMap((p) => p.pretraining),
  });
  process.exit(0);
}

const minutes = Number(args.minutes);
if (!(minutes > 0 && minutes <= 30)) throw new Error(`digits-label-efficiency: --minutes must be in (0, 30], got ${args.minutes}`);
const seeds = args.seeds.split(',').map(Number);
const encoder = { channels: Number(args.channels) };
/**
 * Sized for 30 minutes of one wasm core: 128 conv channels (a CPC step at batch 16 takes ≈2.3 s,
 * a wav2vec step ≈2.8 s, so each sees ≈600–700 steps); peak LRs 1e-3 (CPC, GRU) and 5e-4
 * (wav2vec, transformer, as in the paper).
 */
const METHODS: Record<string, PretrainedMethod> = {
  cpc: { objective: 'cpc', config: { encoder, context: { units: 256 }, predictionSteps: 12 }, lr: 1e-3 },
  wav2vec: { objective: 'wav2vec', config: { encoder, context: { dModel: 128, layers: 4, heads: 4 }, distractors: 50 }, lr: 5e-4 },
};
const methods = args.methods.split(',').filter(Boolean).map((m) => {
  const method = METHODS[m];
  if (!method) throw new Error(`digits-label-efficiency: --methods takes ${Object.keys(METHODS).join(', ')}; got ${m}`);
  return method;
});
const started = Date.now();
const backend = await initBackend();
log(`backend: ${backend.backend}`);
const corpusConfig = { outDir: args.corpus, noise: { fraction: 0.3 }, seed: 0 };
const corpus = await spokenDigits(corpusConfig);
log(`corpus: ${corpus.clips.length} clips in ${args.corpus}`);
const data = await loadSpokenDigits(args.corpus);
const pretrain = { maxSeconds: minutes * 60, maxSteps: Number(args.steps), batchSize: Number(args.batch), seed: 0 };
const report = await digitsLabelEfficiency({
  data,
  clipSamples: 16_000,
  methods,
  pretrain,
  fractions: [0.01, 0.1],
  seeds,
  log,
  supervised: args.supervised === 'true',
  supervisedFractions: args['supervised-fractions'].split(',').map(Number),
  parts: { mfcc: args.mfcc === 'true', pretrained: args.pretrained === 'true' },
  restore: async (objective) => {
    if (!args['load-encoders']) return undefined;
    const dir = join(args['load-encoders'], objective.name);
    const saved = await loadEncoder(dir);
    objective.encoder.setWeights(saved.getWeights());
    saved.dispose();
    log(`${objective.name}: weights from ${dir}`);
    return JSON.parse(await readFile(join(dir, 'pretraining.json'), 'utf8')) as Omit<BudgetedRun, 'objective'>;
  },
  onPretrained: async (objective, run) => {
    if (!args['save-encoders'] || args['load-encoders']) return;
    const dir = join(args['save-encoders'], objective.name);
    await saveEncoder(objective.encoder, dir);
    await writeFile(join(dir, 'pretraining.json'), `${JSON.stringify(run, null, 2)}\n`);
  },
});
const environment = {
  backend: backend.backend,
  versions: backend.versions,
  details: backend.details,
  corpus: { clips: corpus.clips.length, ...corpus.config },
  minutesPerMethod: minutes,
  pretrain,
  methods,
  seeds,
  wallMinutes: (Date.now() - started) / 60_000,
  date: new Date().toISOString(),
};
await write(`digits-label-efficiency${args.tag ? `-${args.tag}` : ''}`, { environment, ...report });
