import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createObjective, labelFractionSubsets, tf } from '@pretext/core';
import { cpcEncoder, loadSpokenDigits, spokenDigits, splitIndices, stackWaves, waveBatches, wav2vecEncoder } from '@pretext/audio';
import { budgetedPretrain } from '../suite-runner/budgeted-pretrain.js';
import { LABEL_FRACTIONS, SUITE_PROTOCOLS, type ObjectivePlan, type SuiteConfig } from './suite-config.js';
import { registerSuite, type LoadedSuite } from './suite-definition.js';

/** Data settings of `audio-digits`. */
export interface DigitsData {
  readonly corpus: string;
  /** Task: digit recognition on held-out speakers (the corpus's `test` split). */
  readonly task: 'digit';
  /** Samples per clip at 16 kHz (centre crop / zero pad). */
  readonly clipSamples: number;
  /** Share of clips with background noise when the corpus is generated. */
  readonly noiseFraction: number;
  /** Keep this many training / test clips (stratified by digit, seed 1); undefined: all. */
  readonly trainLimit?: number;
  readonly testLimit?: number;
}

/** The corpus folder (repository root `data/spoken-digits`, shared with audio's own benchmark). */
export const SPOKEN_DIGITS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'spoken-digits');

/** The settings of audio's own benchmark (packages/audio/bench/digits-label-efficiency.ts). */
const plan = (objective: string, lr: number, minutes: number): ObjectivePlan => ({
  objective,
  encoder: objective,
  lr,
  weightDecay: 1e-2,
  minutes,
  batchSize: 16,
  warmupSteps: 200,
  clipNorm: 5,
});

/** `audio-digits`, full: CPC and wav2vec-style (128 conv channels), 30 minutes each, 3 seeds. */
const full: SuiteConfig<DigitsData> = {
  suite: 'audio-digits',
  version: '1.0.0',
  variant: 'full',
  description: 'espeak-ng spoken digits (96 voices × 10 digits × 3 rates × 3 pitches, 30 % noisy), digit recognition on held-out speakers: CPC and wav2vec-style encoders',
  data: { corpus: 'spokenDigits({ noise: { fraction: 0.3 }, seed: 0 }), speaker-held-out split', task: 'digit', clipSamples: 16_000, noiseFraction: 0.3 },
  encoders: {
    cpc: { encoder: { channels: 128 }, context: { units: 256 }, predictionSteps: 12 },
    wav2vec: { encoder: { channels: 128 }, context: { dModel: 128, layers: 4, heads: 4 }, distractors: 50 },
  },
  objectives: [plan('cpc', 1e-3, 30), plan('wav2vec', 5e-4, 30)],
  evaluation: { fractions: LABEL_FRACTIONS, seeds: [0, 1, 2], protocols: SUITE_PROTOCOLS, knnK: 20, fineTuneMaxEpochs: 30, supervisedMaxEpochs: 50 },
};

/** `audio-digits --quick`: 300 / 100 half-second clips, 32-channel encoders, 20 s each, 1 seed. */
const quick: SuiteConfig<DigitsData> = {
  ...full,
  variant: 'quick',
  description: `${full.description} — QUICK: 300 / 100 clips of 0.5 s, 32 channels, 20 s per objective, seed 0`,
  data: { ...full.data, clipSamples: 8_000, trainLimit: 300, testLimit: 100 },
  encoders: {
    cpc: { encoder: { channels: 32 }, context: { units: 32 }, predictionSteps: 4 },
    wav2vec: { encoder: { channels: 32 }, context: { dModel: 32, layers: 1, heads: 2 }, distractors: 10 },
  },
  objectives: full.objectives.map((o) => ({ ...o, minutes: 1 / 3, batchSize: 16, warmupSteps: 5 })),
  evaluation: { ...full.evaluation, seeds: [0], knnK: 5, fineTuneMaxEpochs: 2, supervisedMaxEpochs: 2 },
};

/** Indices of `idx` kept by a stratified (by digit) subsample of `n`. */
function limit(idx: number[], digits: Int32Array, n: number | undefined): number[] {
  if (n === undefined || n >= idx.length) return idx;
  const [subset] = labelFractionSubsets(Int32Array.from(idx, (i) => digits[i]!), [n / idx.length], 1);
  return subset!.indices.map((j) => idx[j]!);
}

async function load(config: SuiteConfig<DigitsData>, log: (line: string) => void): Promise<LoadedSuite> {
  const d = config.data;
  await spokenDigits({ outDir: SPOKEN_DIGITS_DIR, noise: { fraction: d.noiseFraction }, seed: 0 });
  const data = await loadSpokenDigits(SPOKEN_DIGITS_DIR);
  const trainIdx = limit(splitIndices(data.splits, 'train'), data.digits, d.trainLimit);
  const testIdx = limit(splitIndices(data.splits, 'test'), data.digits, d.testLimit);
  const waves = (idx: number[]): tf.Tensor2D => stackWaves(idx.map((i) => data.clips[i]!), d.clipSamples);
  const xTrain = waves(trainIdx);
  const xTest = waves(testIdx);
  log(`audio-digits: ${trainIdx.length} train / ${testIdx.length} test clips of ${d.clipSamples} samples`);
  return {
    train: { inputs: xTrain, labels: Int32Array.from(trainIdx, (i) => data.digits[i]!) },
    test: { inputs: xTest, labels: Int32Array.from(testIdx, (i) => data.digits[i]!) },
    numClasses: 10,
    facts: { trainClips: trainIdx.length, testClips: testIdx.length, speakers: data.speakerNames.length },
    pretrain: (p, plog) =>
      budgetedPretrain({
        plan: p,
        create: () => createObjective(p.objective, { ...config.encoders[p.encoder], seed: 0 }),
        data: waveBatches(xTrain, { batchSize: Math.min(p.batchSize, trainIdx.length), seed: 0 }),
        log: plog,
      }),
    buildEncoder: (key, seed) => (key === 'cpc' ? cpcEncoder : wav2vecEncoder)(config.encoders[key], seed).encoder,
    dispose: () => tf.dispose([xTrain, xTest]),
  };
}

/** The `audio-digits` suite. */
export const audioDigitsSuite = registerSuite<DigitsData>({ name: 'audio-digits', full, quick, load });
