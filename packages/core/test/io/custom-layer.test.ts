import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileIO, loadEncoder, saveEncoder } from '../../src/io/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { disposeAll, predictionDiff, randomizeWeights, seededTensor, tempDir } from './io-test-utils.js';
import { customLayerModel, ScaleShift } from './scale-shift-layer.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('models with a registered custom layer', () => {
  it('round-trip through fileIO with their config and weights', async () => {
    const dir = await tempDir();
    const before = tf.memory().numTensors;
    const model = customLayerModel(2.5);
    randomizeWeights(model, 21);
    await model.save(fileIO(dir));

    const json = await readFile(join(dir, 'model.json'), 'utf8');
    expect(json).toContain('"class_name":"PretextTestScaleShift"');
    expect(json).toContain('"gain":2.5');

    const loaded = await tf.loadLayersModel(fileIO(dir));
    const layer = loaded.getLayer('scale_shift');
    expect(layer).toBeInstanceOf(ScaleShift);
    expect((layer as ScaleShift).gain).toBe(2.5);
    const x = seededTensor([4, 5], 22);
    expect(await predictionDiff(model, loaded, x)).toBeLessThanOrEqual(1e-6);

    // The custom weights were restored, not re-initialised: a fresh model answers differently.
    const fresh = customLayerModel(2.5);
    expect(await predictionDiff(fresh, loaded, x)).toBeGreaterThan(1e-3);
    disposeAll(x, model, loaded, fresh);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trip through saveEncoder / loadEncoder', async () => {
    const dir = await tempDir();
    const model = customLayerModel(-0.75);
    randomizeWeights(model, 23);
    const meta = await saveEncoder(model, dir, { objective: 'toy' });
    expect(meta.embeddingDim).toBe(4);
    const loaded = await loadEncoder(dir);
    expect((loaded.getLayer('scale_shift') as ScaleShift).gain).toBe(-0.75);
    const x = seededTensor([3, 5], 24);
    expect(await predictionDiff(model, loaded, x)).toBeLessThanOrEqual(1e-6);
    disposeAll(x, model, loaded);
  });
});
