import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportForBrowser } from '../../src/io/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { convDenseModel, disposeAll, predictionDiff, randomizeWeights, seededTensor, tempDir } from './io-test-utils.js';
import { customLayerModel } from './scale-shift-layer.js';

let server: Server;
let root = '';
let base = '';
const requested: string[] = [];

beforeAll(async () => {
  await useTestBackend();
  // A static file server on 127.0.0.1 standing in for the web host; `root` is set per test.
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    requested.push(path);
    const file = join(root, path);
    stat(file).then(
      (s) => {
        res.writeHead(200, { 'content-length': s.size, 'content-type': path.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
        createReadStream(file).pipe(res);
      },
      () => {
        res.writeHead(404).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('exportForBrowser', () => {
  it('writes model.json + group1-shard1of1.bin that tf.loadLayersModel loads over http with equal outputs', async () => {
    root = await tempDir();
    const model = convDenseModel(31);
    randomizeWeights(model, 31);
    const result = await exportForBrowser(model, join(root, 'encoder'));
    expect((await readdir(join(root, 'encoder'))).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    expect(result.weightFiles).toEqual([join(root, 'encoder', 'group1-shard1of1.bin')]);
    expect(result.weightBytes).toBe((await stat(result.weightFiles[0]!)).size);

    const json = JSON.parse(await readFile(result.modelJson, 'utf8')) as Record<string, unknown>;
    expect(json.format).toBe('layers-model');
    expect(json.convertedBy).toMatch(/^Pretext \d+\.\d+\.\d+/);
    expect((json.weightsManifest as tf.io.WeightsManifestConfig)[0]!.paths).toEqual(['group1-shard1of1.bin']);

    requested.length = 0;
    const before = tf.memory().numTensors;
    const loaded = await tf.loadLayersModel(`${base}/encoder/model.json`);
    expect(requested).toEqual(['/encoder/model.json', '/encoder/group1-shard1of1.bin']);
    const x = seededTensor([2, 8, 8, 3], 32);
    expect(await predictionDiff(model, loaded, x)).toBeLessThanOrEqual(1e-6);
    disposeAll(x, loaded);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('shards weights like the converter and removes shards of an earlier export', async () => {
    root = await tempDir();
    const dir = join(root, 'm');
    const model = convDenseModel(33);
    randomizeWeights(model, 33);
    const big = await exportForBrowser(model, dir, { shardSizeBytes: 1000 });
    const total = big.weightBytes;
    const n = Math.ceil(total / 1000);
    expect(n).toBeGreaterThan(2);
    expect(big.weightFiles.map((f) => f.slice(dir.length + 1))).toEqual(Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`));
    const sizes = await Promise.all(big.weightFiles.map(async (f) => (await stat(f)).size));
    expect(sizes.slice(0, -1).every((s) => s === 1000)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);

    const loaded = await tf.loadLayersModel(`${base}/m/model.json`);
    const x = seededTensor([2, 8, 8, 3], 34);
    expect(await predictionDiff(model, loaded, x)).toBeLessThanOrEqual(1e-6);

    await exportForBrowser(model, dir);
    expect((await readdir(dir)).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const again = await tf.loadLayersModel(`${base}/m/model.json`);
    expect(await predictionDiff(model, again, x)).toBeLessThanOrEqual(1e-6);
    disposeAll(x, model, loaded, again);
  });

  it('exports a model with a registered custom layer', async () => {
    root = await tempDir();
    const model = customLayerModel(1.5);
    randomizeWeights(model, 35);
    await exportForBrowser(model, root);
    const loaded = await tf.loadLayersModel(`${base}/model.json`);
    const x = seededTensor([3, 5], 36);
    expect(await predictionDiff(model, loaded, x)).toBeLessThanOrEqual(1e-6);
    disposeAll(x, model, loaded);
  });

  it('refuses a shard size that is not a positive integer', async () => {
    const model = convDenseModel(37);
    await expect(exportForBrowser(model, await tempDir(), { shardSizeBytes: 0 })).rejects.toThrow(/shardSizeBytes must be a positive integer/);
    model.dispose();
  });
});
