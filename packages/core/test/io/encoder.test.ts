import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENCODER_META_FILE, fileIO, loadEncoder, readEncoderMeta, saveEncoder } from '../../src/io/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { convDenseModel, disposeAll, predictionDiff, randomizeWeights, expectLoadRefused, seededTensor, tempDir } from './io-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

const packageVersion = (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;


describe('saveEncoder / loadEncoder', () => {
  it('round-trips the model and its metadata', async () => {
    const dir = join(await tempDir(), 'runs', 'simclr-1');
    const model = convDenseModel(41);
    randomizeWeights(model, 41);
    const user = { dataset: 'cifar10', epochs: 3, tags: ['a', 'b'], nested: { ok: true } };
    const written = await saveEncoder(model, dir, { objective: 'simclr', user });
    const meta = await readEncoderMeta(dir);
    expect(meta).toEqual(written);
    expect(meta).toMatchObject({
      format: 'pretext-encoder',
      formatVersion: 1,
      pretextVersion: packageVersion,
      tfjsVersion: tf.version.tfjs,
      inputShape: [null, 8, 8, 3],
      inputShapes: [[null, 8, 8, 3]],
      embeddingDim: 16,
      objective: 'simclr',
      user,
    });
    expect(Object.keys(meta.files).sort()).toEqual(['model.json', 'weights.bin']);

    const before = tf.memory().numTensors;
    const loaded = await loadEncoder(dir);
    const x = seededTensor([2, 8, 8, 3], 42);
    expect(await predictionDiff(model, loaded, x)).toBeLessThanOrEqual(1e-6);
    disposeAll(x, loaded);
    expect(tf.memory().numTensors).toBe(before);

    const bare = await saveEncoder(model, join(dir, 'bare'));
    expect(bare.objective).toBeNull();
    expect(bare.user).toEqual({});
    model.dispose();
  });

  it('refuses a directory whose files come from different saves or were modified', async () => {
    const root = await tempDir();
    const a = convDenseModel(43);
    randomizeWeights(a, 43);
    const b = convDenseModel(44);
    randomizeWeights(b, 44);
    const dirA = join(root, 'a');
    await saveEncoder(a, dirA);
    await saveEncoder(b, join(root, 'b'));
    // As if a save of b were interrupted after its weights were renamed into place.
    const weightsA = await readFile(join(dirA, 'weights.bin'));
    await writeFile(join(dirA, 'weights.bin'), await readFile(join(root, 'b', 'weights.bin')));
    await expectLoadRefused(() => loadEncoder(dirA), join(dirA, 'weights.bin'), /does not match .*pretext.json \(sha256 differs\)/);
    await writeFile(join(dirA, 'weights.bin'), weightsA);
    const loaded = await loadEncoder(dirA);
    loaded.dispose();

    const json = await readFile(join(dirA, 'model.json'), 'utf8');
    await writeFile(join(dirA, 'model.json'), json.replace('"units":16', '"units":16 '));
    await expectLoadRefused(() => loadEncoder(dirA), join(dirA, 'model.json'), /sha256 differs/);
    disposeAll(a, b);
  });

  it('refuses invalid metadata and metadata that describes another input shape', async () => {
    const dir = await tempDir();
    const metaFile = join(dir, ENCODER_META_FILE);
    const model = convDenseModel(45);
    await saveEncoder(model, dir, { objective: 'byol' });
    const good = JSON.parse(await readFile(metaFile, 'utf8')) as Record<string, unknown>;

    await writeFile(metaFile, '{"format": "pretext-encoder",');
    await expectLoadRefused(() => loadEncoder(dir), metaFile, /is not valid JSON/);
    await writeFile(metaFile, JSON.stringify({ ...good, formatVersion: 2 }));
    await expectLoadRefused(() => loadEncoder(dir), metaFile, /is invalid: formatVersion/);
    await writeFile(metaFile, JSON.stringify({ ...good, inputShapes: [[null, 8, 8, 1]] }));
    await expectLoadRefused(() => loadEncoder(dir), metaFile, /records input shapes \[\[null,8,8,1\]\] but the model in .* has \[\[null,8,8,3\]\]/);
    await expect(readEncoderMeta(dir)).resolves.toMatchObject({ objective: 'byol' });

    // Without metadata the directory is a plain tfjs model, and loads as one.
    await rm(metaFile);
    await expect(readEncoderMeta(dir)).rejects.toThrow(/encoder metadata .*pretext.json does not exist/);
    const plain = await loadEncoder(dir);
    const viaFileIO = await tf.loadLayersModel(fileIO(dir));
    const x = seededTensor([1, 8, 8, 3], 46);
    expect(await predictionDiff(plain, viaFileIO, x)).toBe(0);
    disposeAll(x, model, plain, viaFileIO);
  });

  it('refuses user metadata that is not JSON before writing anything', async () => {
    const dir = await tempDir();
    const model = convDenseModel(47);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(saveEncoder(model, dir, { user: cyclic })).rejects.toThrow(/user metadata is not JSON-serializable/);
    await expect(readEncoderMeta(dir)).rejects.toThrow(/does not exist/);
    model.dispose();
  });
});
