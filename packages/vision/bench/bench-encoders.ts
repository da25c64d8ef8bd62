import type { EncoderConfigInput } from '../src/index.js';

/** MNIST image shape of the benchmarks. */
export const MNIST_INPUT: [number, number, number] = [28, 28, 1];

/**
 * The encoders of the MNIST benchmarks: a ResNet with a stride-2 stem (SimCLR, BYOL and their
 * supervised baseline) and a ViT with 4×4 patches (MAE and its supervised baseline).
 */
export const BENCH_ENCODERS: Record<string, EncoderConfigInput> = {
  resnet: { type: 'resnet', widths: [16, 32, 64], blocks: [1, 1, 1], stemStride: 2 },
  vit: { type: 'vit', patchSize: 4, dim: 64, depth: 4, heads: 4, mlpRatio: 2 },
};
