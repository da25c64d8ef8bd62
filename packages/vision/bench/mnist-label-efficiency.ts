/**
 * MNIST label-efficiency benchmark of @pretext/vision (run by hand on a quiet machine, not in tests):
 *
 *   pnpm --filter @pretext/vision bench:mnist [--minutes 30] [--objectives simclr,byol,mae|none]
 *     [--baselines auto|none|resnet,vit] [--augmentation digits] [--seeds 0,1,2] [--encoder resnet|vit]
 *     [--batch 128] [--lr 2e-3] [--backend auto] [--out DIR] [--tag NAME] [--save-encoders DIR]
 *     [--load-encoders DIR] [--finetune-lr-scale mae=0.3] [--objective-config '{"byol":{"baseMomentum":0.9}}']
 *
 * Each objective is pre-trained WITHOUT labels on the 8,000 training digits of `mnist()` for at
 * most `--minutes`, then evaluated with core's `labelEfficiency` on the 2,000 test digits: kNN,
 * linear probe and fine-tuning with 1 % and 10 % of the training labels (per seed a stratified
 * subset; mean ± std over the seeds), against the same encoder architecture trained supervised-only
 * on the same labels and left randomly initialised, plus kNN with all labels. Writes
 * `mnist-label-efficiency[-TAG].json` and `.md` to `--out` (default bench/results of this package).
 * Parts of the benchmark can run as separate processes (`--objectives byol --baselines none
 * --tag byol`, …) and be joined with `bench/merge-label-efficiency.ts`.
 *
 * SimCLR and BYOL use the `digits` augmentation preset by default (see `digitsAugmentations`):
 * the papers' natural-image recipes (8 % crops, flips, hue) destroy handwritten digits.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  createObjective, initBackend, labelEfficiency, loadEncoder, pretrainWithinBudget, saveEncoder, tf, type BackendName, type BudgetedRun, type EvalProtocol, type LabelEfficiencySummaryRow,
} from '@pretext/core';
import { buildEncoder, mnist } from '../src/index.js';
import { BENCH_ENCODERS, MNIST_INPUT } from './bench-encoders.js';
import { markdownReport, type EncoderResult } from './label-efficiency-report.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    objectives: { type: 'string', default: 'simclr,byol,mae' },
    baselines: { type: 'string', default: 'auto' },
    augmentation: { type: 'string', default: 'digits' },
    tag: { type: 'string', default: '' },
    seeds: { type: 'string', default: '0,1,2' },
    encoder: { type: 'string', default: 'resnet' },
    batch: { type: 'string', default: '128' },
    lr: { type: 'string', default: '' },
    'save-encoders': { type: 'string' },
    'load-encoders': { type: 'string' },
    'finetune-lr-scale': { type: 'string', default: '' },
    'objective-config': { type: 'string', default: '{}' },
    backend: { type: 'string', default: 'auto' },
    out: { type: 'string', default: resolve(fileURLToPath(new URL('.', import.meta.url)), 'results') },
  },
});
const minutes = Number(args.minutes);
const seeds = args.seeds.split(',').map(Number);
const batchSize = Number(args.batch);
/** Peak learning rates (AdamW, warm-up + cosine) picked from 6-minute runs (see the README); `--lr` overrides. */
const LR: Record<string, number> = { simclr: 2e-3, byol: 3e-3, mae: 1e-3 };
const lrOf = (objective: string): number => (args.lr ? Number(args.lr) : LR[objective] ?? 1e-3);
/** Fine-tuning encoder LR scale per objective (`mae=1,simclr=0.1`; core's default 0.1 otherwise), picked with finetune-lr-selection.ts. */
const FINETUNE_SCALE: Record<string, number> = Object.fromEntries(
  args['finetune-lr-scale'].split(',').filter(Boolean).map((kv) => {
    const [k, v] = kv.split('=');
    if (!k || !(Number(v) >= 0)) throw new Error(`mnist-label-efficiency: --finetune-lr-scale takes objective=scale pairs, got ${kv}`);
    return [k, Number(v)];
  }),
);
/** Extra objective config per objective, e.g. `{"byol":{"baseMomentum":0.9}}`. */
const OBJECTIVE_CONFIG = JSON.parse(args['objective-config']) as Record<string, Record<string, unknown>>;
const objectives = args.objectives === 'none' ? [] : args.objectives.split(',').filter(Boolean);
if (!(minutes > 0) || seeds.some((s) => !Number.isInteger(s)) || !(Number.isInteger(batchSize) && batchSize > 1)) {
  throw new Error('mnist-label-efficiency: --minutes must be > 0, --seeds integers, --batch an integer > 1');
}
const INPUT = MNIST_INPUT;
const ENCODERS = BENCH_ENCODERS;
if (!ENCODERS[args.encoder]) throw new Error(`mnist-label-efficiency: --encoder must be resnet or vit, got ${args.encoder}`);
const encoderOf = (objective: string): string => (objective === 'mae' ? 'vit' : args.encoder);
const log = (line: string): void => console.error(`[${new Date().toISOString()}] ${line}`);

const report = await initBackend(args.backend === 'auto' ? {} : { prefer: args.backend as BackendName, strict: true });
log(`backend ${report.backend}`);
const { train, test } = await mnist();
const xTrain = train.images();
const xTest = test.images();
const labeled = { train: { inputs: xTrain, labels: train.labels! }, test: { inputs: xTest, labels: test.labels! } };
const fractions = [0.01, 0.1];
/** k = 20 neighbours (core's default of 200 exceeds the 80 examples of the 1 % subset). */
const knn = { k: 20 };
const results: EncoderResult[] = [];

/** 1 %/10 % labels for `protocols` (all seeds) and kNN with all labels (seed 0: no subset to draw). */
async function evaluate(encoder: tf.LayersModel | undefined, encoderName: string, protocols: EvalProtocol[], encoderLrScale?: number): Promise<LabelEfficiencySummaryRow[]> {
  const encoderFactory = (seed: number): tf.LayersModel => buildEncoder(ENCODERS[encoderName]!, INPUT, seed);
  const onResult = (r: { protocol: string; fraction: number; seed: number; accuracy: number }): void =>
    log(`  ${r.protocol} ${r.fraction * 100}% seed ${r.seed}: ${(100 * r.accuracy).toFixed(1)}%`);
  const fineTune = encoderLrScale === undefined ? {} : { encoderLrScale };
  const few = await labelEfficiency({ ...labeled, encoder, encoderFactory, fractions, seeds, protocols, knn, fineTune, onResult });
  if (!encoder) return few.summary;
  const all = await labelEfficiency({ ...labeled, encoder, fractions: [1], seeds: [0], protocols: ['knn'], knn, onResult });
  return [...few.summary, ...all.summary];
}

/** Pre-trains `name` within the budget, or loads the encoder a previous run saved (`--load-encoders`). */
async function pretrained(name: string, encoderName: string): Promise<{ encoder: tf.LayersModel; pretraining: Omit<BudgetedRun, 'objective'>; dispose: () => void }> {
  if (args['load-encoders']) {
    const dir = join(args['load-encoders'], name);
    const encoder = await loadEncoder(dir);
    const pretraining = JSON.parse(await readFile(join(dir, 'pretraining.json'), 'utf8')) as Omit<BudgetedRun, 'objective'>;
    log(`${name}: loaded the encoder pre-trained in ${dir} (${pretraining.steps} steps)`);
    return { encoder, pretraining, dispose: () => encoder.dispose() };
  }
  const config = { inputShape: INPUT, encoder: ENCODERS[encoderName], seed: 0, ...(name === 'mae' ? {} : { augmentation: args.augmentation }), ...OBJECTIVE_CONFIG[name] };
  const run = await pretrainWithinBudget({
    create: () => createObjective(name, config),
    data: train.batches({ batchSize, seed: 1 }),
    minutes,
    maxSteps: 200 * Math.floor(train.count / batchSize),
    trainer: (steps) => ({
      optimizer: { type: 'adamw', weightDecay: 1e-4 },
      lr: lrOf(name),
      schedule: { type: 'cosine', warmupSteps: Math.min(50, Math.floor(steps / 10)) },
      seed: 0,
      logEvery: 20,
      progress: 'jsonl',
      logTo: process.stderr,
    }),
    log,
  });
  log(`${name}: ${run.steps} steps in ${(run.seconds / 60).toFixed(1)} min, final loss ${run.finalLoss.toFixed(4)}`);
  const { objective, ...pretraining } = run;
  if (args['save-encoders']) {
    const dir = join(args['save-encoders'], name);
    await saveEncoder(objective.encoder, dir);
    await writeFile(join(dir, 'pretraining.json'), `${JSON.stringify({ ...pretraining, config }, null, 2)}\n`);
  }
  return { encoder: objective.encoder, pretraining, dispose: () => objective.dispose() };
}

for (const name of objectives) {
  const encoderName = encoderOf(name);
  const run = await pretrained(name, encoderName);
  const summary = await evaluate(run.encoder, encoderName, ['knn', 'linear-probe', 'fine-tune'], FINETUNE_SCALE[name]);
  results.push({ name, encoder: encoderName, pretraining: run.pretraining, summary });
  run.dispose();
}
const baselineEncoders =
  args.baselines === 'auto' ? [...new Set(objectives.map(encoderOf))] : args.baselines === 'none' ? [] : args.baselines.split(',').filter(Boolean);
for (const e of baselineEncoders) if (!ENCODERS[e]) throw new Error(`mnist-label-efficiency: --baselines takes auto, none or encoders (resnet,vit), got ${e}`);
for (const encoderName of baselineEncoders) {
  log(`supervised-only and random-init baselines (${encoderName})`);
  results.push({ name: 'supervised only', encoder: encoderName, summary: await evaluate(undefined, encoderName, ['supervised']) });
  const random = buildEncoder(ENCODERS[encoderName]!, INPUT, 0);
  results.push({ name: 'random init', encoder: encoderName, summary: await evaluate(random, encoderName, ['knn', 'linear-probe']) });
  random.dispose();
}

const environment = {
  backend: report.backend,
  versions: report.versions,
  details: report.details,
  minutesPerObjective: minutes,
  batchSize,
  lr: Object.fromEntries(objectives.map((o) => [o, lrOf(o)])),
  finetuneEncoderLrScale: FINETUNE_SCALE,
  objectiveConfig: OBJECTIVE_CONFIG,
  augmentation: args.augmentation,
  seeds,
  knn,
  encoders: ENCODERS,
  date: new Date().toISOString(),
};
await mkdir(args.out, { recursive: true });
const base = `mnist-label-efficiency${args.tag ? `-${args.tag}` : ''}`;
const json = join(args.out, `${base}.json`);
await writeFile(json, `${JSON.stringify({ environment, results }, null, 2)}\n`);
const md = join(args.out, `${base}.md`);
await writeFile(md, markdownReport('MNIST label efficiency (@pretext/vision)', environment, results));
log(`wrote ${json} and ${md}`);
tf.dispose([xTrain, xTest]);
