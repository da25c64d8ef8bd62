import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadObjectiveState,
  ModelIOError,
  OBJECTIVE_STATE_FILE,
  readTensorBundle,
  saveObjectiveState,
  TensorBundleError,
  writeTensorBundle,
} from '../../src/io/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { randomizeWeights, tempDir } from './io-test-utils.js';
import { snapshot, ToyObjective } from './toy-objective.js';

beforeAll(async () => {
  await useTestBackend();
});

const CONFIG = { inputDim: 5, hidden: 6, proj: 3, seed: 7 };

/** A toy objective whose every variable (including batch-norm moving statistics) is random. */
function trained(seed: number, config = CONFIG): ToyObjective {
  const o = new ToyObjective(config);
  randomizeWeights(o.encoder, seed);
  tf.tidy(() => {
    o.head.assign(tf.randomNormal(o.head.shape, 0, 1, 'float32', seed + 1));
    o.target.assign(tf.randomNormal(o.target.shape, 0, 1, 'float32', seed + 2));
  });
  return o;
}

async function expectRefused(p: Promise<unknown>, file: string, pattern: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelIOError);
  expect((err as ModelIOError).file).toBe(file);
  expect((err as Error).message).toContain(file);
  expect((err as Error).message).toMatch(pattern);
}

describe('objective state', () => {
  it('saves config and every trainable, state and encoder-statistics variable', async () => {
    const dir = await tempDir();
    const o = trained(1);
    const file = await saveObjectiveState(o, dir);
    expect(file).toBe(join(dir, OBJECTIVE_STATE_FILE));
    const bundle = await readTensorBundle(file);
    const meta = bundle.meta as { objective: string; config: unknown; groups: Record<string, string[]> };
    expect(meta.objective).toBe('toy');
    expect(meta.config).toEqual(CONFIG);
    expect(meta.groups.trainable).toEqual(o.trainableVariables().map((v) => v.name));
    expect(meta.groups.state).toEqual([o.target.name]);
    expect(meta.groups.encoderState).toEqual(o.encoder.nonTrainableWeights.map((w) => w.name));
    expect(meta.groups.encoderState).toHaveLength(2); // moving mean and variance
    expect(Object.keys(bundle.tensors)).toHaveLength(4 + 1 + 1 + 2);
    tf.dispose(Object.values(bundle.tensors));
    o.dispose();
  });

  it('round-trips into a freshly built objective (names differ: matched by order) without leaks', async () => {
    const dir = await tempDir();
    const saved = trained(2);
    await saveObjectiveState(saved, dir);
    const fresh = new ToyObjective(CONFIG);
    expect(fresh.head.name).not.toBe(saved.head.name);
    expect(await snapshot(fresh)).not.toEqual(await snapshot(saved));

    const before = tf.memory().numTensors;
    const result = await loadObjectiveState(fresh, dir);
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toEqual({ config: CONFIG, configMatches: true, matchedBy: 'order', variables: 8 });
    expect(await snapshot(fresh)).toEqual(await snapshot(saved));
    saved.dispose();
    fresh.dispose();
  });

  it('restores an objective from its own save by name', async () => {
    const dir = await tempDir();
    const o = trained(3);
    const original = await snapshot(o);
    await saveObjectiveState(o, dir);
    randomizeWeights(o.encoder, 99);
    tf.tidy(() => o.target.assign(tf.zerosLike(o.target)));
    expect(await snapshot(o)).not.toEqual(original);
    const result = await loadObjectiveState(o, dir, { match: 'name' });
    expect(result.matchedBy).toBe('name');
    expect(await snapshot(o)).toEqual(original);
    o.dispose();
  });

  it('refuses mismatches before assigning anything', async () => {
    const dir = await tempDir();
    const file = join(dir, OBJECTIVE_STATE_FILE);
    const saved = trained(4);
    await saveObjectiveState(saved, dir);

    const wider = trained(5, { ...CONFIG, hidden: 7 });
    const widerBefore = await snapshot(wider);
    const numTensors = tf.memory().numTensors;
    await expectRefused(loadObjectiveState(wider, dir), file, /shape or dtype mismatch: .*float32\[5, 6\] but .* is float32\[5, 7\]/);
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(await snapshot(wider)).toEqual(widerBefore);

    const fresh = new ToyObjective(CONFIG);
    const freshBefore = await snapshot(fresh);
    await expectRefused(loadObjectiveState(fresh, dir, { match: 'name' }), file, /variable names differ: trainable variable '.*' is saved but the objective has none by that name/);
    expect(await snapshot(fresh)).toEqual(freshBefore);

    const other = new ToyObjective(CONFIG, 'other');
    await expectRefused(loadObjectiveState(other, dir), file, /saved from objective 'toy', not 'other'/);

    const stateless = new ToyObjective(CONFIG, 'toy', false);
    await expectRefused(loadObjectiveState(stateless, dir), file, /the file has 1 state variables, the objective 0/);

    await writeTensorBundle(file, { meta: { note: 'a checkpoint of something else' }, tensors: {} });
    await expectRefused(loadObjectiveState(fresh, dir), file, /its metadata is not objective state \(format:/);
    for (const o of [saved, wider, fresh, other, stateless]) o.dispose();
  });

  it('refuses a corrupt or missing state file with the bundle error', async () => {
    const dir = await tempDir();
    const o = trained(6);
    await expect(loadObjectiveState(o, dir)).rejects.toThrow(/objective-state.ptb does not exist/);
    const file = await saveObjectiveState(o, dir);
    const bytes = await readFile(file);
    bytes[bytes.byteLength - 50]! ^= 0xff;
    await writeFile(file, bytes);
    const before = await snapshot(o);
    await expect(loadObjectiveState(o, dir)).rejects.toThrow(TensorBundleError);
    expect(await snapshot(o)).toEqual(before);
    o.dispose();
  });
});
