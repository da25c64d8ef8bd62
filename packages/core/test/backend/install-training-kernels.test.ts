import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/backend/init-backend.js';
import { smokeTest } from '../../src/backend/smoke-test.js';
import { installWasmTrainingKernels } from '../../src/backend/wasm/install-training-kernels.js';

const EXPECTED = [
  'BatchMatMul (override)', 'Conv2DBackpropFilter', 'Conv2DBackpropInput (override)', 'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput', 'MaxPoolGrad (override)', 'UnsortedSegmentSum', 'Tile (override)', 'Einsum',
  'Identity (override)', 'Slice (override)', 'SplitV (override)', 'Unpack (override)', 'Transpose (override)', 'Sum (override)', 'Mean (override)',
  'FusedBatchNorm (gradient)', 'BatchMatMul (gradient)', 'Conv2D (gradient)', 'DepthwiseConv2dNative (gradient)',
  'Sum (gradient)', 'Mean (gradient)', 'Tile (gradient)',
];

describe('installWasmTrainingKernels', () => {
  it('makes initBackend({ prefer: wasm, strict: true }) pass its smoke test and report the kernels', async () => {
    const report = await initBackend({ prefer: 'wasm', strict: true, env: {} });
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.details.trainingKernels).toEqual(EXPECTED);
    await expect(smokeTest()).resolves.toBeUndefined();
  });

  it('registers every kernel that stock wasm lacks for training', () => {
    for (const name of ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter', 'UnsortedSegmentSum', 'Einsum']) {
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
    }
  });

  it('is idempotent: a second call wraps nothing twice', () => {
    const kernelNames = ['BatchMatMul', 'MaxPoolGrad', 'Tile', 'Conv2DBackpropFilter'];
    const gradientNames = ['FusedBatchNorm', 'BatchMatMul', 'Conv2D'];
    const kernels = kernelNames.map((k) => tf.getKernel(k, 'wasm').kernelFunc);
    const gradients = gradientNames.map((g) => tf.getGradient(g).gradFunc);
    expect(installWasmTrainingKernels()).toEqual(EXPECTED);
    kernelNames.forEach((k, i) => expect(tf.getKernel(k, 'wasm').kernelFunc, k).toBe(kernels[i]));
    gradientNames.forEach((g, i) => expect(tf.getGradient(g).gradFunc, g).toBe(gradients[i]));
  });
});
