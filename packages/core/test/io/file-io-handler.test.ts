import { mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileIO, registerFileRouter } from '../../src/io/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { convDenseModel, disposeAll, predictionDiff, randomizeWeights, expectLoadRefused, seededTensor, tempDir } from './io-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

async function savedModel(dir: string): Promise<tf.LayersModel> {
  const model = convDenseModel(3);
  randomizeWeights(model, 3);
  await model.save(fileIO(dir));
  return model;
}


describe('fileIO', () => {
  it('round-trips a conv + batch-norm + dense model with equal outputs and no leaked tensors', async () => {
    const dir = join(await tempDir(), 'enc');
    const before = tf.memory().numTensors;
    const model = await savedModel(dir);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);

    const loaded = await tf.loadLayersModel(fileIO(dir));
    const x = seededTensor([2, 8, 8, 3], 11);
    expect(await predictionDiff(model, loaded, x)).toBeLessThanOrEqual(1e-6);
    for (const [a, b] of model.weights.map((w, i) => [w, loaded.weights[i]!] as const)) {
      expect(Array.from(await b.read().data()), a.name).toEqual(Array.from(await a.read().data()));
    }
    x.dispose();
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes the standard tfjs LayersModel model.json, readable by tf.io.fromMemory', async () => {
    const dir = await tempDir();
    const model = await savedModel(dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toBe(`TensorFlow.js tfjs-layers v${tf.version.tfjs}`);
    expect(json).toHaveProperty('convertedBy', null);
    expect((json.modelTopology as { class_name: string }).class_name).toBe('Model');
    const manifest = json.weightsManifest as tf.io.WeightsManifestConfig;
    expect(manifest).toHaveLength(1);
    expect(manifest[0]!.paths).toEqual(['weights.bin']);
    expect(manifest[0]!.weights.map((w) => w.name)).toEqual(model.weights.map((w) => w.originalName));
    const bin = await readFile(join(dir, 'weights.bin'));
    expect(bin.byteLength).toBe(model.weights.reduce((s, w) => s + 4 * w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0));

    // An independent reader: tfjs's own in-memory handler fed with the raw files.
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const viaMemory = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology as object, weightSpecs: manifest[0]!.weights, weightData }),
    );
    const x = seededTensor([3, 8, 8, 3], 12);
    expect(await predictionDiff(model, viaMemory, x)).toBeLessThanOrEqual(1e-6);
    disposeAll(x, model, viaMemory);
  });

  it('saves to a named .json path, a file URL and file:// routes', async () => {
    const dir = await tempDir();
    const model = convDenseModel(4);
    const x = seededTensor([1, 8, 8, 3], 13);
    await model.save(fileIO(join(dir, 'student.json')));
    expect((await readdir(dir)).sort()).toEqual(['student.json', 'student.weights.bin']);
    const a = await tf.loadLayersModel(fileIO(pathToFileURL(join(dir, 'student.json'))));
    expect(await predictionDiff(model, a, x)).toBeLessThanOrEqual(1e-6);

    expect(registerFileRouter()).toBe(true);
    expect(registerFileRouter()).toBe(true);
    await model.save(`file://${join(dir, 'routed')}`);
    const b = await tf.loadLayersModel(`file://${join(dir, 'routed', 'model.json')}`);
    expect(await predictionDiff(model, b, x)).toBeLessThanOrEqual(1e-6);
    disposeAll(x, model, a, b);
  });

  it('replaces an earlier save atomically, leaving no temporary files', async () => {
    const dir = await tempDir();
    const first = await savedModel(dir);
    const second = convDenseModel(5);
    randomizeWeights(second, 5);
    await second.save(fileIO(dir));
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(fileIO(dir));
    const x = seededTensor([2, 8, 8, 3], 14);
    expect(await predictionDiff(second, loaded, x)).toBeLessThanOrEqual(1e-6);
    expect(await predictionDiff(first, loaded, x)).toBeGreaterThan(1e-3);
    disposeAll(x, first, second, loaded);
  });

  it('refuses missing, malformed and wrongly sized files, naming them', async () => {
    const root = await tempDir();
    await expectLoadRefused(() => tf.loadLayersModel(fileIO(join(root, 'nothing'))), join(root, 'nothing', 'model.json'), /model file .* does not exist/);

    const dir = join(root, 'enc');
    (await savedModel(dir)).dispose();
    const jsonFile = join(dir, 'model.json');
    const weights = join(dir, 'weights.bin');
    const json = await readFile(jsonFile, 'utf8');
    const bin = await readFile(weights);

    await truncate(weights, bin.byteLength - 4);
    await expectLoadRefused(() => tf.loadLayersModel(fileIO(dir)), weights, new RegExp(`holds ${bin.byteLength - 4} bytes but the weight specs in .* need ${bin.byteLength} bytes`));
    await writeFile(weights, Buffer.concat([bin, Buffer.alloc(8)]));
    await expectLoadRefused(() => tf.loadLayersModel(fileIO(dir)), weights, /holds \d+ bytes but/);
    await writeFile(weights, bin);

    await writeFile(jsonFile, json.slice(0, json.length - 10));
    await expectLoadRefused(() => tf.loadLayersModel(fileIO(dir)), jsonFile, /is not a valid tfjs model.json: invalid JSON/);
    await writeFile(jsonFile, JSON.stringify({ format: 'layers-model', weightsManifest: [] }));
    await expectLoadRefused(() => tf.loadLayersModel(fileIO(dir)), jsonFile, /"modelTopology" is missing/);
    const parsed = JSON.parse(json) as { weightsManifest: { paths: string[] }[] };
    parsed.weightsManifest[0]!.paths = ['../../etc/passwd'];
    await writeFile(jsonFile, JSON.stringify(parsed));
    await expectLoadRefused(() => tf.loadLayersModel(fileIO(dir)), jsonFile, /lists weights path '..\/..\/etc\/passwd', which is not inside its directory/);
    parsed.weightsManifest[0]!.paths = ['gone.bin'];
    await writeFile(jsonFile, JSON.stringify(parsed));
    await expectLoadRefused(() => tf.loadLayersModel(fileIO(dir)), join(dir, 'gone.bin'), /weights file \(listed in .*model.json\) .*gone.bin does not exist/);
  });

  it('refuses to save over a path that cannot hold the files, leaving the old save intact', async () => {
    const dir = await tempDir();
    const model = await savedModel(dir);
    const before = await readFile(join(dir, 'weights.bin'));
    await mkdir(join(dir, 'blocked.json'));
    await expect(model.save(fileIO(join(dir, 'blocked.json')))).rejects.toThrow();
    expect(await readFile(join(dir, 'weights.bin'))).toEqual(before);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    model.dispose();
  });
});
