import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTensorBundle, writeTensorBundle } from '../../src/io/tensor-bundle.js';
import { CheckpointError, Trainer, type TrainerOptions } from '../../src/train/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { collector, maxDiff, toy, ToyObjective, toyConfigSchema, toyData, weightsOf } from './toy-objective.js';

let root: string;
let good: string;
const quiet: TrainerOptions = { progress: 'none' };
const data = toyData(3, 8);

beforeAll(async () => {
  await useTestBackend();
  root = await mkdtemp(join(tmpdir(), 'pretext-refuse-'));
  await new Trainer(toy(), { ...quiet, outDir: join(root, 'run') }).fit(data, { steps: 6 });
  good = join(root, 'run', 'ckpt-00000006.ckpt');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Resumes a fresh objective from `file` and expects a refusal matching `problem`, with nothing loaded. */
async function expectRefused(file: string, problem: RegExp, o = toy(), options: TrainerOptions = quiet): Promise<void> {
  const before = await weightsOf(o);
  const trainer = new Trainer(o, options);
  const err = await trainer.fit(data, { steps: 10, resume: file }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CheckpointError);
  expect((err as CheckpointError).file).toBe(file);
  expect((err as Error).message).toContain(`cannot use checkpoint ${file}: `);
  expect((err as Error).message).toMatch(problem);
  expect(maxDiff(before, await weightsOf(o))).toBe(0);
  expect(trainer.step).toBe(0);
}

describe('refused checkpoints', () => {
  it('the good checkpoint resumes, with a warning when settings changed', async () => {
    const t = new Trainer(toy(), quiet);
    await expect(t.fit(data, { steps: 7, resume: good })).resolves.toMatchObject({ step: 7, history: { firstStep: 7 } });
    const sink = collector();
    await new Trainer(toy(), { lr: 0.5, logTo: sink }).fit(data, { steps: 7, resume: good });
    const warnings = sink.lines().filter((l) => l.event === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/resuming with different settings \(lr, totalSteps 6 → 7\)/);
    expect(sink.lines().find((l) => l.event === 'resume')).toMatchObject({ file: good, step: 6, epoch: 1, positionInEpoch: 3 });
  });

  it('refuses a truncated file', async () => {
    const file = join(root, 'truncated.ckpt');
    await copyFile(good, file);
    const size = (await readFile(file)).byteLength;
    await truncate(file, Math.floor(size / 2));
    await expectRefused(file, /is truncated: expected \d+ bytes, found \d+/);
  });

  it('refuses a corrupt file', async () => {
    const file = join(root, 'corrupt.ckpt');
    const bytes = await readFile(good);
    bytes[bytes.byteLength - 100] ^= 0xff;
    await writeFile(file, bytes);
    await expectRefused(file, /corrupt: checksum mismatch/);
  });

  it('refuses a file that is not a tensor bundle', async () => {
    const file = join(root, 'text.ckpt');
    await writeFile(file, 'hello, I am not a checkpoint at all');
    await expectRefused(file, /not a Pretext tensor bundle/);
  });

  it('refuses a checkpoint of another model, naming the variable', async () => {
    const other = new ToyObjective(toyConfigSchema.parse({ hidden: 10 }));
    await expectRefused(good, /written by another model: trainable variable 0 .* has shape \[6, 12\] in the checkpoint, \[6, 10\] here/, other);
  });

  it('refuses a checkpoint of another objective', async () => {
    class Other extends ToyObjective {
      override readonly name: string = 'other-ae';
    }
    await expectRefused(good, /written by objective 'toy-ae', this trainer runs 'other-ae'/, new Other(toyConfigSchema.parse({})));
  });

  it('refuses optimizer state of another optimizer kind', async () => {
    await expectRefused(good, /optimizer state is adam's, this trainer uses sgd/, toy(), { ...quiet, optimizer: { type: 'sgd', momentum: 0.9 } });
  });

  it('refuses a bundle whose metadata is not a checkpoint, and one holding NaN', async () => {
    const { meta, tensors } = await readTensorBundle(good);
    const bogus = join(root, 'bogus.ckpt');
    await writeTensorBundle(bogus, { meta: { hello: 1 }, tensors });
    await expectRefused(bogus, /metadata is not a Pretext checkpoint's \(format: /);
    const nan = join(root, 'nan.ckpt');
    const poisoned = { ...tensors, 'trainable/2': tf.fill(tensors['trainable/2']!.shape, NaN) };
    await writeTensorBundle(nan, { meta, tensors: poisoned });
    await expectRefused(nan, /tensor 'trainable\/2' holds NaN or Inf values/);
    tf.dispose([...Object.values(tensors), poisoned['trainable/2']]);
  });

  it('resume: true needs a checkpoint; resume: auto starts fresh without one', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    const err = await new Trainer(toy(), { ...quiet, outDir: empty }).fit(data, { steps: 2, resume: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(/empty: the directory holds no checkpoint/);
    const fresh = await new Trainer(toy(), { ...quiet, outDir: join(root, 'fresh') }).fit(data, { steps: 2, resume: 'auto' });
    expect(fresh).toMatchObject({ step: 2, history: { firstStep: 1 } });
    await expect(new Trainer(toy(), quiet).fit(data, { steps: 2, resume: join(root, 'missing') })).rejects.toThrowError(/missing: no such file or directory/);
  });
});
