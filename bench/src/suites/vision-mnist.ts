import { createObjective, tf } from '@pretext/core';
import { buildEncoder, mnist, stratifiedHoldout, type EncoderConfigInput, type ImageDataset } from '@pretext/vision';
import { budgetedPretrain } from '../suite-runner/budgeted-pretrain.js';
import { LABEL_FRACTIONS, SUITE_PROTOCOLS, type ObjectivePlan, type SuiteConfig } from './suite-config.js';
import { registerSuite, type LoadedSuite } from './suite-definition.js';

/** Data settings of `vision-mnist`. */
export interface MnistData {
  /** `mnist()`'s fixed split: 8,000 train / 2,000 test digits (stratified, seed 0). */
  readonly split: string;
  /** Keep this many training / test digits (stratified subsample, seed 1); undefined: all. */
  readonly trainLimit?: number;
  readonly testLimit?: number;
}

const INPUT: [number, number, number] = [28, 28, 1];

/** The encoders of vision's MNIST benchmark: ResNet (SimCLR, BYOL) and ViT (MAE). */
export const MNIST_ENCODERS = {
  resnet: { type: 'resnet', widths: [16, 32, 64], blocks: [1, 1, 1], stemStride: 2 },
  vit: { type: 'vit', patchSize: 4, dim: 64, depth: 4, heads: 4, mlpRatio: 2 },
} as const;

const plan = (objective: string, encoder: string, lr: number, minutes: number, extra: Record<string, unknown> = {}): ObjectivePlan => ({
  objective,
  encoder,
  lr,
  weightDecay: 1e-4,
  minutes,
  batchSize: 128,
  warmupSteps: 50,
  ...(objective === 'mae' ? {} : { extra: { augmentation: 'digits', ...extra } }),
});

/** BYOL's momentum (on validation digits) and head widths picked in 600-step runs (packages/vision/bench/byol-sweep.ts). */
const BYOL_SETTINGS = {
  baseMomentum: 0.9,
  projection: { hidden: 1024, out: 128, batchNorm: true },
  prediction: { hidden: 1024, out: 128, batchNorm: true },
};

/** `vision-mnist`, full: SimCLR/BYOL (ResNet) and MAE (ViT), 30 minutes each, 3 seeds. */
const full: SuiteConfig<MnistData> = {
  suite: 'vision-mnist',
  version: '1.1.0',
  variant: 'full',
  description: 'MNIST (8,000 train / 2,000 test): SimCLR, BYOL (ResNet 16/32/64, stride-2 stem, digits augmentation) and MAE (ViT patch 4, d 64, depth 4)',
  data: { split: 'mnist() seed 0: 8,000 train / 2,000 test, stratified' },
  encoders: MNIST_ENCODERS,
  objectives: [plan('simclr', 'resnet', 2e-3, 30), plan('byol', 'resnet', 3e-3, 30, BYOL_SETTINGS), plan('mae', 'vit', 1e-3, 30)],
  evaluation: { fractions: LABEL_FRACTIONS, seeds: [0, 1, 2], protocols: SUITE_PROTOCOLS, knnK: 20, fineTuneMaxEpochs: 50, supervisedMaxEpochs: 50 },
};

/** `vision-mnist --quick`: 600 / 200 digits, 20 s per objective, 1 seed — a smoke run, not a result. */
const quick: SuiteConfig<MnistData> = {
  ...full,
  variant: 'quick',
  description: `${full.description} — QUICK: 600 / 200 digits, 20 s per objective, seed 0`,
  data: { ...full.data, trainLimit: 600, testLimit: 200 },
  objectives: full.objectives.map((o) => ({ ...o, minutes: 1 / 3, batchSize: 64, warmupSteps: 5 })),
  evaluation: { ...full.evaluation, seeds: [0], knnK: 5, fineTuneMaxEpochs: 3, supervisedMaxEpochs: 3 },
};

function limit(ds: ImageDataset, n: number | undefined): ImageDataset {
  return n === undefined || n >= ds.count ? ds : ds.subset(stratifiedHoldout(ds.labels!, n, 1).test);
}

async function load(config: SuiteConfig<MnistData>): Promise<LoadedSuite> {
  const split = await mnist();
  const train = limit(split.train, config.data.trainLimit);
  const test = limit(split.test, config.data.testLimit);
  const xTrain = train.images();
  const xTest = test.images();
  const encoderConfig = (key: string): EncoderConfigInput => config.encoders[key] as EncoderConfigInput;
  return {
    train: { inputs: xTrain, labels: train.labels! },
    test: { inputs: xTest, labels: test.labels! },
    numClasses: 10,
    facts: { trainImages: train.count, testImages: test.count },
    pretrain: (p, log) =>
      budgetedPretrain({
        plan: p,
        create: () => createObjective(p.objective, { inputShape: INPUT, encoder: encoderConfig(p.encoder), seed: 0, ...p.extra }),
        data: train.batches({ batchSize: p.batchSize, seed: 1 }),
        maxSteps: 200 * Math.floor(train.count / p.batchSize),
        log,
      }),
    buildEncoder: (key, seed) => buildEncoder(encoderConfig(key), INPUT, seed),
    dispose: () => tf.dispose([xTrain, xTest]),
  };
}

/** The `vision-mnist` suite. */
export const visionMnistSuite = registerSuite<MnistData>({ name: 'vision-mnist', full, quick, load: (c) => load(c) });
