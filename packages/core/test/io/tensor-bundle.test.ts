import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTensorBundle, TensorBundleError, writeTensorBundle } from '../../src/io/tensor-bundle.js';
import { useTestBackend } from '../helpers/backend.js';
import { seededTensor, tempDir } from './io-test-utils.js';

beforeAll(async () => {
  await useTestBackend();
});

async function writeSample(file: string): Promise<void> {
  const tensors = {
    w: seededTensor([3, 4], 1),
    steps: tf.tensor([1, -2, 2147483647, -2147483648], [2, 2], 'int32'),
    mask: tf.tensor([true, false, true], [3], 'bool'),
    lr: tf.scalar(0.25),
  };
  await writeTensorBundle(file, { meta: { step: 7 }, tensors });
  tf.dispose(Object.values(tensors));
}

/** Builds a bundle by hand (valid magic, lengths and checksum) around an arbitrary header. */
function handMadeBundle(header: unknown, data: Uint8Array, version = 1): Buffer {
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x54, 0x42, 0x0d, 0x0a, 0x1a, 0x0a]).copy(prefix, 0);
  prefix.writeUInt32LE(version, 8);
  prefix.writeUInt32LE(h.byteLength, 12);
  prefix.writeBigUInt64LE(BigInt(data.byteLength), 16);
  const body = Buffer.concat([prefix, h, data]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

async function expectRefused(file: string, pattern: RegExp): Promise<void> {
  const before = tf.memory().numTensors;
  const err = await readTensorBundle(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TensorBundleError);
  expect((err as TensorBundleError).file).toBe(file);
  expect((err as Error).message).toContain(file);
  expect((err as Error).message).toMatch(pattern);
  expect(tf.memory().numTensors).toBe(before);
}

describe('tensor bundle round trip', () => {
  it('keeps float32, int32 and bool values, scalars, empty tensors and meta exactly', async () => {
    const file = join(await tempDir(), 'state.ptb');
    const tensors: Record<string, tf.Tensor> = {
      'encoder/conv1/kernel': seededTensor([3, 3, 2, 4], 42),
      counts: tf.tensor([0, 1, -7, 2147483647, -2147483648, 12345], [2, 3], 'int32'),
      flags: tf.tensor([true, false, false, true, true], [5], 'bool'),
      scale: tf.scalar(-3.5),
      step: tf.scalar(9, 'int32'),
      done: tf.scalar(true, 'bool'),
      empty: tf.zeros([0]),
      emptyInt: tf.zeros([2, 0, 3], 'int32'),
      special: tf.tensor([Number.NaN, Infinity, -Infinity, -0, 1e-38, 3.4e38]),
    };
    const meta = { step: 12, name: 'simclr', nested: { lr: [0.1, 0.01], ok: true, none: null }, text: 'ünïcødé ✓' };
    const before = tf.memory().numTensors;
    await writeTensorBundle(file, { meta, tensors });
    expect(tf.memory().numTensors).toBe(before);

    const back = await readTensorBundle(file);
    expect(back.meta).toEqual(meta);
    expect(Object.keys(back.tensors)).toEqual(Object.keys(tensors));
    for (const [name, t] of Object.entries(tensors)) {
      const r = back.tensors[name]!;
      expect(r.dtype, name).toBe(t.dtype);
      expect(r.shape, name).toEqual(t.shape);
      expect(Array.from(await r.data()), name).toEqual(Array.from(await t.data()));
    }
    expect(Object.is((await back.tensors.special!.data())[3], -0)).toBe(true);
    tf.dispose(Object.values(back.tensors));
    tf.dispose(Object.values(tensors));
    expect(tf.memory().numTensors).toBe(before - Object.keys(tensors).length);
  });

  it('writes identical bytes for identical content and handles an empty bundle', async () => {
    const dir = await tempDir();
    await writeSample(join(dir, 'a.ptb'));
    await writeSample(join(dir, 'b.ptb'));
    expect((await readFile(join(dir, 'a.ptb'))).equals(await readFile(join(dir, 'b.ptb')))).toBe(true);

    await writeTensorBundle(join(dir, 'empty.ptb'), { meta: {}, tensors: {} });
    const back = await readTensorBundle(join(dir, 'empty.ptb'));
    expect(back).toEqual({ meta: {}, tensors: {} });
  });
});

describe('tensor bundle refuses damaged files before creating tensors', () => {
  it('refuses a truncated file, naming the expected and found sizes', async () => {
    const file = join(await tempDir(), 'cut.ptb');
    await writeSample(file);
    const full = (await readFile(file)).byteLength;
    await truncate(file, full - 5);
    await expectRefused(file, new RegExp(`is truncated: expected ${full} bytes, found ${full - 5}`));
    await truncate(file, 10);
    await expectRefused(file, /is truncated: expected at least 56 bytes, found 10/);
    await truncate(file, 0);
    await expectRefused(file, /is truncated/);
  });

  it('refuses a file with one flipped byte in the data or in the header (checksum mismatch)', async () => {
    const file = join(await tempDir(), 'flip.ptb');
    await writeSample(file);
    const good = await readFile(file);
    for (const at of [good.byteLength - 40, 30]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x01;
      await writeFile(file, bad);
      await expectRefused(file, /checksum mismatch/);
    }
    const badSum = Buffer.from(good);
    badSum[badSum.byteLength - 1]! ^= 0x80;
    await writeFile(file, badSum);
    await expectRefused(file, /checksum mismatch/);
  });

  it('refuses a file that is not a bundle, another version, trailing bytes, and a missing file', async () => {
    const dir = await tempDir();
    const json = join(dir, 'model.json');
    await writeFile(json, '{"modelTopology": {}}');
    await expectRefused(json, /is not a Pretext tensor bundle/);

    const file = join(dir, 'x.ptb');
    await writeSample(file);
    const good = await readFile(file);
    const wrongMagic = Buffer.from(good);
    wrongMagic[1] = 0x51;
    await writeFile(file, wrongMagic);
    await expectRefused(file, /is not a Pretext tensor bundle/);

    await writeFile(file, handMadeBundle({ meta: {}, tensors: [] }, new Uint8Array(0), 2));
    await expectRefused(file, /format version 2; this Pretext reads version 1/);

    await writeFile(file, Buffer.concat([good, Buffer.from([0, 0, 0])]));
    await expectRefused(file, /3 unexpected trailing bytes/);

    await expectRefused(join(dir, 'nope.ptb'), /does not exist/);
  });

  it('validates the header: JSON, dtype, shape, byte length and range', async () => {
    const file = join(await tempDir(), 'h.ptb');
    const data = new Uint8Array(16);
    const entry = { name: 'w', dtype: 'float32', shape: [2, 2], offset: 0, byteLength: 16 };
    const cases: [unknown, RegExp][] = [
      [{ meta: {}, tensors: [{ ...entry, dtype: 'string' }] }, /unsupported dtype "string"/],
      [{ meta: {}, tensors: [{ ...entry, shape: [2, -2] }] }, /not a list of non-negative integers/],
      [{ meta: {}, tensors: [{ ...entry, shape: [3, 2] }] }, /needs 24 bytes but its byteLength is 16/],
      [{ meta: {}, tensors: [{ ...entry, offset: 4 }] }, /spans bytes 4..20 of a 16-byte data section/],
      [{ meta: {}, tensors: [entry, { ...entry }] }, /tensor 'w' appears twice/],
      [{ meta: [], tensors: [] }, /"meta" is not a JSON object/],
      [{ meta: {} }, /"tensors" is not an array/],
    ];
    for (const [header, pattern] of cases) {
      await writeFile(file, handMadeBundle(header, data));
      await expectRefused(file, pattern);
    }
    const garbage = handMadeBundle({ meta: {}, tensors: [] }, data);
    garbage.write('{"meta":{},"tensors":[]', 24, 'utf8'); // drop the closing brace: invalid JSON
    garbage.write(' ', 24 + 23, 'utf8');
    const body = garbage.subarray(0, garbage.byteLength - 32);
    createHash('sha256').update(body).digest().copy(garbage, garbage.byteLength - 32);
    await writeFile(file, garbage);
    await expectRefused(file, /invalid header: not valid UTF-8 JSON/);
  });
});

describe('tensor bundle writes atomically', () => {
  it('leaves no temporary file and replaces the previous file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ckpt.ptb');
    await writeSample(file);
    const t = tf.tensor([5, 6], [2], 'int32');
    await writeTensorBundle(file, { meta: { step: 2 }, tensors: { t } });
    t.dispose();
    expect(await readdir(dir)).toEqual(['ckpt.ptb']);
    const back = await readTensorBundle(file);
    expect(back.meta).toEqual({ step: 2 });
    expect(Array.from(await back.tensors.t!.data())).toEqual([5, 6]);
    tf.dispose(Object.values(back.tensors));
  });

  it('a failed write leaves the old file intact and no temporary file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ckpt.ptb');
    await writeSample(file);
    const old = await readFile(file);

    const disposed = tf.ones([2]);
    disposed.dispose();
    const str = tf.tensor(['a', 'b']);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const attempts: [Parameters<typeof writeTensorBundle>[1], RegExp][] = [
      [{ meta: {}, tensors: { w: disposed } }, /tensor 'w' is disposed/],
      [{ meta: {}, tensors: { s: str } }, /dtype string/],
      [{ meta: cyclic, tensors: {} }, /meta is not JSON-serializable/],
    ];
    for (const [bundle, pattern] of attempts) {
      const err = await writeTensorBundle(file, bundle).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TensorBundleError);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(pattern);
    }
    str.dispose();
    expect((await readFile(file)).equals(old)).toBe(true);
    expect(await readdir(dir)).toEqual(['ckpt.ptb']);

    // Failure after the temporary file was written: the target is a directory, so rename fails.
    const asDir = join(dir, 'occupied');
    await mkdir(asDir);
    const t = tf.ones([3]);
    await expect(writeTensorBundle(asDir, { meta: {}, tensors: { t } })).rejects.toThrow(TensorBundleError);
    t.dispose();
    expect((await readdir(dir)).sort()).toEqual(['ckpt.ptb', 'occupied']);
    expect(await readdir(asDir)).toEqual([]);
  });
});
