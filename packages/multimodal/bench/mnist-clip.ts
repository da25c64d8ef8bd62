/**
 * MNIST CLIP benchmark of @pretext/multimodal (run by hand on a quiet machine, not in tests):
 *
 *   pnpm exec tsx --conditions=development packages/multimodal/bench/mnist-clip.ts [--minutes 30]
 *     [--seeds 0,1,2] [--simclr-encoder DIR] [--out DIR] [--batch 128] [--lr 1e-3]
 *     [--stem-stride 2] [--backend auto] [--quick]
 *
 * Trains an image–text CLIP on the 8,000 training digits of `mnist()` captioned with the training
 * templates ("a handwritten seven", "the digit 7", …) for at most `--minutes` (steps planned from
 * a timed copy so that the cosine schedule ends within the budget, plus a time guard), then
 * reports on the 2,000 test digits: zero-shot accuracy with the EVALUATION prompts (never seen in
 * training, ensembled), image→text and text→image Recall@1/5 between the test images and the 80
 * distinct evaluation captions (class relevance: a caption names a digit, not an image), and a
 * linear probe of the image tower with 1 % and 10 % of the labels
 * (core's `labelEfficiency`) next to the same probe on a SimCLR encoder saved by vision's
 * benchmark (`--simclr-encoder packages/vision/bench/encoders/simclr`) and on the randomly
 * initialised tower. Writes `mnist-clip.json` and `mnist-clip.md` to `--out`
 * (default packages/multimodal/bench/results). `--quick` trains on 2,000 digits, tests on 500
 * and probes with seed 0 only: a smoke test of the script, not a result.
 *
 * The image tower is the ResNet of vision's MNIST benchmark (widths 16/32/64, one block per stage,
 * stride-2 stem as there, so that the SimCLR probe compares like with like; `--stem-stride 1` keeps
 * full resolution in the first stage at about 4× the cost), with the `digits` augmentation.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { initBackend, labelEfficiency, loadEncoder, pretrainWithinBudget, tf, type BackendName, type MethodSummary } from '@pretext/core';
import { WordTokenizer } from '@pretext/text';
import { buildEncoder, stratifiedHoldout, type EncoderConfigInput } from '@pretext/vision';
import { Clip, mnistCaptions, type ClipConfigInput } from '../src/index.js';
import { evaluateClip } from './evaluate-clip.js';
import { mnistClipMarkdown, type MnistClipResults } from './mnist-clip-report.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    seeds: { type: 'string', default: '0,1,2' },
    'simclr-encoder': { type: 'string' },
    out: { type: 'string', default: resolve(fileURLToPath(new URL('.', import.meta.url)), 'results') },
    batch: { type: 'string', default: '128' },
    lr: { type: 'string', default: '1e-3' },
    'stem-stride': { type: 'string', default: '2' },
    backend: { type: 'string', default: 'auto' },
    quick: { type: 'boolean', default: false },
  },
});
const minutes = Number(args.minutes);
const seeds = args.quick ? [0] : args.seeds.split(',').map(Number);
const batchSize = Number(args.batch);
const lr = Number(args.lr);
const stemStride = Number(args['stem-stride']);
if (!(minutes > 0) || seeds.some((s) => !Number.isInteger(s)) || !(Number.isInteger(batchSize) && batchSize > 1) || !(lr > 0) || (stemStride !== 1 && stemStride !== 2)) {
  throw new Error('mnist-clip: --minutes and --lr must be > 0, --seeds integers, --batch an integer > 1, --stem-stride 1 or 2');
}
const log = (line: string): void => console.error(`[${new Date().toISOString()}] ${line}`);

const report = await initBackend(args.backend === 'auto' ? {} : { prefer: args.backend as BackendName, strict: true });
log(`backend ${report.backend}`);
const captions = await mnistCaptions();
const train = args.quick ? captions.train.subset(stratifiedHoldout(captions.train.labels!, 2000, 1).test) : captions.train;
const test = args.quick ? captions.test.subset(stratifiedHoldout(captions.test.labels!, 500, 1).test) : captions.test;
const tokenizer = WordTokenizer.train(captions.train.distinctCaptions()); // the TRAINING captions only
const INPUT: [number, number, 1] = [28, 28, 1];
/** The ResNet of vision's MNIST benchmark (stride-2 stem there), so the probe compares like with like. */
const imageEncoder: EncoderConfigInput = { type: 'resnet', widths: [16, 32, 64], blocks: [1, 1, 1], ...(stemStride === 2 ? { stemStride: 2 as const } : {}) };
const config: ClipConfigInput = {
  a: { modality: 'image', inputShape: INPUT, encoder: imageEncoder, augmentation: 'digits' },
  b: { modality: 'text', encoder: { vocabSize: tokenizer.vocabSize, maxLength: 10, dim: 64, depth: 2, heads: 4, mlpRatio: 2 } },
  embedDim: 64,
  seed: 0,
};

const data = await train.batches({ batchSize, tokenizer, maxLength: 10, seed: 1 });
const stepsPerEpoch = Math.floor(train.count / batchSize);
const run = await pretrainWithinBudget({
  create: () => new Clip(config),
  data,
  minutes,
  stepsPerEpoch,
  maxSteps: 200 * stepsPerEpoch,
  trainer: (steps) => ({
    optimizer: { type: 'adamw', weightDecay: 1e-4 },
    lr,
    schedule: { type: 'cosine', warmupSteps: Math.min(50, Math.floor(steps / 10)) },
    seed: 0,
    logEvery: 20,
    progress: 'jsonl',
    logTo: process.stderr,
  }),
  log,
});
const clip = run.objective as Clip;
log(`clip: ${run.steps} steps in ${(run.seconds / 60).toFixed(1)} min, final loss ${run.finalLoss.toFixed(4)}, logit scale ${clip.logitScale().toFixed(1)}`);

const evaluation = await evaluateClip({ clip, tokenizer, test, trainingTemplates: captions.trainingTemplates, evaluationTemplates: captions.evaluationTemplates });
log(`zero-shot (unseen prompts) ${(100 * evaluation.zeroShotUnseenPrompts).toFixed(1)}%, image→text R@1 ${(100 * evaluation.retrieval.imageToText[1]!).toFixed(1)}%`);

const xTrain = train.media.gather();
const xTest = test.media.gather();
const labeled = { train: { inputs: xTrain, labels: train.labels! }, test: { inputs: xTest, labels: test.labels! } };
/** k = 20 neighbours (core's default of 200 exceeds the 80 examples of the 1 % subset); only used by kNN. */
const knn = { k: 20 };
const probe = async (name: string, encoder: tf.LayersModel): Promise<MethodSummary> => {
  const onResult = (r: { fraction: number; seed: number; accuracy: number }): void => log(`  ${name} linear probe ${r.fraction * 100}% seed ${r.seed}: ${(100 * r.accuracy).toFixed(1)}%`);
  const { summary } = await labelEfficiency({ ...labeled, encoder, fractions: [0.01, 0.1], seeds, protocols: ['linear-probe'], knn, onResult });
  return { name, summary };
};
const probes: MethodSummary[] = [await probe('clip image tower (resnet)', clip.encoderA)];
const notes: string[] = [];
if (args['simclr-encoder']) {
  const simclr = await loadEncoder(args['simclr-encoder']);
  probes.push(await probe('simclr (resnet)', simclr));
  simclr.dispose();
} else {
  notes.push('No SimCLR encoder given (--simclr-encoder DIR, e.g. the `simclr` folder written by vision\'s benchmark with --save-encoders): SimCLR row skipped.');
}
const random = buildEncoder(imageEncoder, INPUT, 0);
probes.push(await probe('random init (resnet)', random));
random.dispose();

const results: MnistClipResults = {
  training: { steps: run.steps, plannedSteps: run.plannedSteps, seconds: run.seconds, secondsPerStep: run.secondsPerStep, finalLoss: run.finalLoss, stopReason: run.stopReason, logitScale: clip.logitScale() },
  evaluation,
  probes,
  notes,
};
const environment = {
  backend: report.backend,
  versions: report.versions,
  details: report.details,
  minutes,
  quick: args.quick,
  trainPairs: train.count,
  testImages: test.count,
  batchSize,
  lr,
  seeds,
  knn,
  tokenizer: { kind: tokenizer.kind, vocabSize: tokenizer.vocabSize, trainedOn: 'training captions only' },
  config: clip.getConfig(),
  simclrEncoder: args['simclr-encoder'] ?? null,
  date: new Date().toISOString(),
};
await mkdir(args.out, { recursive: true });
const json = join(args.out, 'mnist-clip.json');
await writeFile(json, `${JSON.stringify({ environment, results }, null, 2)}\n`);
const md = join(args.out, 'mnist-clip.md');
await writeFile(md, mnistClipMarkdown(results, environment));
log(`wrote ${json} and ${md}`);
tf.dispose([xTrain, xTest]);
clip.dispose();
