import { tf, type Batch, type ObjectiveConfig } from '@pretext/core';
import type { ObjectiveModelName, SampleUnit } from './training-workload.js';

/** How an objective is timed: its config, default batch and a fixed seeded batch builder. */
export interface ObjectiveWorkloadSpec {
  readonly unit: SampleUnit;
  readonly batch: number;
  readonly config: ObjectiveConfig;
  /** One fixed batch of `n` samples, seeded. */
  makeBatch(n: number, seed: number): Batch;
}

const RESNET = { type: 'resnet', widths: [16, 32, 64], blocks: [1, 1, 1], stemStride: 2 };
const VIT = { type: 'vit', patchSize: 4, dim: 64, depth: 4, heads: 4, mlpRatio: 2 };
const TEXT = { vocabSize: 1000, maxLength: 64, dim: 64, depth: 2, heads: 4, mlpRatio: 4 };

const images = (n: number, seed: number): tf.Tensor4D => tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', seed);
const tokens = (n: number, t: number, vocab: number, seed: number): tf.Tensor2D => tf.randomUniform([n, t], 5, vocab, 'int32', seed);
const waves = (n: number, seed: number): tf.Tensor2D => tf.randomNormal([n, 8_000], 0, 0.1, 'float32', seed);

/**
 * The objectives' throughput workloads: the label-efficiency suites' encoders (vision ResNet /
 * ViT on 28×28×1, the text transformer at 64 tokens, 256-channel audio encoders on 0.5 s at 16 kHz (batch 4: CPC's GRU is slow on wasm),
 * CLIP's ResNet + caption tower) on seeded random inputs.
 */
export const OBJECTIVE_WORKLOADS: Readonly<Record<ObjectiveModelName, ObjectiveWorkloadSpec>> = {
  simclr: { unit: 'images', batch: 128, config: { inputShape: [28, 28, 1], encoder: RESNET, augmentation: 'digits' }, makeBatch: (n, s) => ({ x: images(n, s) }) },
  byol: { unit: 'images', batch: 128, config: { inputShape: [28, 28, 1], encoder: RESNET, augmentation: 'digits' }, makeBatch: (n, s) => ({ x: images(n, s) }) },
  mae: { unit: 'images', batch: 128, config: { inputShape: [28, 28, 1], encoder: VIT }, makeBatch: (n, s) => ({ x: images(n, s) }) },
  'masked-lm': { unit: 'sequences', batch: 32, config: TEXT, makeBatch: (n, s) => ({ tokens: tokens(n, TEXT.maxLength, TEXT.vocabSize, s) }) },
  'causal-lm': { unit: 'sequences', batch: 32, config: TEXT, makeBatch: (n, s) => ({ tokens: tokens(n, TEXT.maxLength, TEXT.vocabSize, s) }) },
  cpc: { unit: 'clips', batch: 4, config: { encoder: { channels: 256 }, context: { units: 256 }, predictionSteps: 12 }, makeBatch: (n, s) => ({ wave: waves(n, s) }) },
  wav2vec: {
    unit: 'clips',
    batch: 4,
    config: { encoder: { channels: 256 }, context: { dModel: 256, layers: 4, heads: 4 }, distractors: 50 },
    makeBatch: (n, s) => ({ wave: waves(n, s) }),
  },
  clip: {
    unit: 'pairs',
    batch: 128,
    config: {
      a: { modality: 'image', inputShape: [28, 28, 1], encoder: RESNET, augmentation: 'digits' },
      b: { modality: 'text', encoder: { vocabSize: 100, maxLength: 10, dim: 64, depth: 2, heads: 4, mlpRatio: 2 } },
      embedDim: 64,
    },
    makeBatch: (n, s) => ({ x: images(n, s), tokens: tokens(n, 10, 100, s + 1) }),
  },
};
