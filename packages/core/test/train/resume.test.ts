import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjective } from '../../src/objective/index.js';
import {
  loadCheckpointWeights,
  readCheckpointMeta,
  resolveCheckpoint,
  Trainer,
  TrainingDivergedError,
  type Callback,
  type TrainerOptions,
} from '../../src/train/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { maxDiff, registerToy, toy, toyData, weightsOf } from './toy-objective.js';

let root: string;
beforeAll(async () => {
  await useTestBackend();
  registerToy();
  root = await mkdtemp(join(tmpdir(), 'pretext-resume-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const options = (outDir: string): TrainerOptions => ({
  progress: 'none',
  outDir,
  checkpointEvery: 5,
  optimizer: { type: 'adamw', weightDecay: 0.01 },
  lr: 0.01,
  schedule: { type: 'cosine', warmupSteps: 4, finalLr: 1e-4 },
  accumulate: 2,
  clipNorm: 1,
  seed: 9,
  logEvery: 3,
});
// 7 batches per epoch with 2 micro-batches per step: 4 steps per epoch, the last one partial
const data = toyData(7, 8);
const stopAt = (step: number): Callback => ({ onStepEnd: (ctx, s) => (s.step === step ? ctx.stop('pause') : undefined) });

describe('checkpoints and resume', () => {
  it('20 steps straight equal 10 steps + resume (new trainer and objective) + 10 steps', async () => {
    const straight = toy({ noise: 0.2 });
    const a = await new Trainer(straight, options(join(root, 'a'))).fit(data, { steps: 20 });

    const dirB = join(root, 'b');
    const first = await new Trainer(toy({ noise: 0.2 }), options(dirB)).fit(data, { steps: 20, callbacks: [stopAt(10)] });
    expect(first).toMatchObject({ step: 10, stopReason: 'callback', reason: 'pause', checkpoint: join(dirB, 'ckpt-00000010.ckpt') });

    const meta = await readCheckpointMeta((await resolveCheckpoint(dirB))!);
    expect(meta.progress).toMatchObject({ step: 10, epoch: 2, positionInEpoch: 4, totalSteps: 20 });
    expect(meta.objective).toEqual({ name: 'toy-ae', config: straight.getConfig() });
    expect(meta.optimizer).toEqual({ type: 'adamw', iterations: 10 });
    const resumed = createObjective(meta.objective.name, meta.objective.config);
    const trainer = new Trainer(resumed, options(dirB));
    const b = await trainer.fit(data, { steps: 20, resume: true });

    expect(b).toMatchObject({ step: 20, stopReason: 'completed', history: { firstStep: 11 } });
    expect(maxDiff(await weightsOf(straight), await weightsOf(resumed))).toBeLessThanOrEqual(1e-6);
    const curve = [...first.history.losses, ...b.history.losses];
    curve.forEach((l, i) => expect(l).toBeCloseTo(a.history.losses[i]!, 6));
    expect(trainer.rng.getState()).toEqual(meta.rng);
  });

  it('on a signal finishes the step and checkpoints; the handlers are gone after fit', async () => {
    const dir = join(root, 'signal');
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    let during: number[] = [];
    const raise: Callback = {
      onStepEnd: (_ctx, s) => {
        if (s.step !== 3) return;
        during = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
        // call the trainer's handler only (emitting the signal would also reach vitest's own)
        (process.listeners('SIGTERM').at(-1) as () => void)();
      },
    };
    const r = await new Trainer(toy(), { ...options(dir), exitOnSignal: false }).fit(data, { steps: 100, callbacks: [raise] });
    expect(during).toEqual(before.map((n) => n + 1));
    expect(r).toMatchObject({ step: 3, stopReason: 'signal', reason: 'SIGTERM', checkpoint: join(dir, 'ckpt-00000003.ckpt') });
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
    await new Trainer(toy(), { ...options(dir), handleSignals: false }).fit(data, { steps: 4, callbacks: [{ onStepEnd: () => void (during = [process.listenerCount('SIGINT')]) }] });
    expect(during).toEqual([before[0]]);
  });

  it('keeps the newest keepLast checkpoints and a latest pointer', async () => {
    const dir = join(root, 'keep');
    await new Trainer(toy(), { ...options(dir), checkpointEvery: 2, keepLast: 2 }).fit(data, { steps: 11 });
    expect((await readdir(dir)).sort()).toEqual(['ckpt-00000010.ckpt', 'ckpt-00000011.ckpt', 'latest']);
    expect(await readFile(join(dir, 'latest'), 'utf8')).toBe('ckpt-00000011.ckpt\n');
  });

  it('stops on a NaN loss naming the step, and keeps the last good checkpoint', async () => {
    const dir = join(root, 'nan');
    const err = await new Trainer(toy({ nanLossFromStep: 13 }), { ...options(dir), logEvery: 4 })
      .fit(data, { steps: 30 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingDivergedError);
    const good = join(dir, 'ckpt-00000010.ckpt');
    expect(err).toMatchObject({ step: 14, lastCheckpoint: good });
    expect((err as Error).message).toMatch(/diverged at step 14 \(epoch 3\): the loss is NaN.*last good checkpoint is .*ckpt-00000010\.ckpt/);
    expect(await resolveCheckpoint(dir)).toBe(good);
    expect((await readdir(dir)).filter((f) => f.endsWith('.ckpt'))).toEqual(['ckpt-00000005.ckpt', 'ckpt-00000010.ckpt']);
    const o = toy();
    await loadCheckpointWeights(good, o);
    for (const w of await weightsOf(o)) expect(w.every(Number.isFinite)).toBe(true);
  });

  it('never writes a checkpoint from NaN weights, even with a finite loss', async () => {
    const dir = join(root, 'nan-state');
    const err = await new Trainer(toy({ nanStateFromStep: 7 }), options(dir)).fit(data, { steps: 30 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingDivergedError);
    expect((err as Error).message).toMatch(/at step 10 .*variable 'toy_target_\d+' holds NaN or Inf.*ckpt-00000005\.ckpt/);
    expect(await resolveCheckpoint(dir)).toBe(join(dir, 'ckpt-00000005.ckpt'));
  });
});
