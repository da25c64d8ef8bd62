import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../src/objective/index.js';
import { Trainer, type TrainerOptions } from '../../src/train/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { maxDiff, toy, toyData, weightsOf } from './toy-objective.js';

beforeAll(async () => {
  await useTestBackend();
});

const quiet: TrainerOptions = { progress: 'none' };

async function lossCurve(seed: number): Promise<readonly number[]> {
  const o = toy({ noise: 0.3 });
  const t = new Trainer(o, { ...quiet, seed, lr: 0.02, optimizer: { type: 'adamw' }, schedule: { type: 'cosine', warmupSteps: 3 }, logEvery: 4 });
  const r = await t.fit(toyData(5, 8), { steps: 12 });
  t.dispose();
  o.dispose();
  return r.history.losses;
}

describe('Trainer', () => {
  it('gives the same loss curve for the same seed, another for another seed', async () => {
    const a = await lossCurve(3);
    const b = await lossCurve(3);
    const c = await lossCurve(4);
    expect(a).toHaveLength(12);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a[11]!).toBeLessThan(a[0]!);
  });

  it('accumulating 2 micro-batches of B/2 equals one step of B', async () => {
    const full = toyData(3, 8, 6, 11);
    const halves = (epoch: number): Iterable<Batch> =>
      (function* () {
        for (const b of full(epoch)) {
          const [x0, x1] = tf.split(b.x!, 2, 0);
          b.x!.dispose();
          yield { x: x0! };
          yield { x: x1! };
        }
      })();
    const opts = { ...quiet, optimizer: { type: 'sgd', momentum: 0.9 }, lr: 0.1 } as const;
    const big = toy({ noise: 0 });
    const small = toy({ noise: 0 });
    const before = maxDiff(await weightsOf(big), await weightsOf(small));
    expect(before).toBe(0);
    const rb = await new Trainer(big, opts).fit(full, { steps: 3 });
    const rs = await new Trainer(small, { ...opts, accumulate: 2 }).fit(halves, { steps: 3 });
    expect(maxDiff(await weightsOf(big), await weightsOf(small))).toBeLessThanOrEqual(1e-5);
    rb.history.losses.forEach((l, i) => expect(rs.history.losses[i]!).toBeCloseTo(l, 5));
    expect(maxDiff(await weightsOf(big), await weightsOf(toy({ noise: 0 })))).toBeGreaterThan(1e-3);
  });

  it('clips the gradient by global norm', async () => {
    const lr = 0.5;
    const clipNorm = 0.01;
    const run = async (clip: number | undefined) => {
      const o = toy({ noise: 0 });
      const w0 = await weightsOf(o);
      const events: Record<string, unknown>[] = [];
      const logTo = { write: (s: string) => events.push(JSON.parse(s) as Record<string, unknown>) };
      await new Trainer(o, { optimizer: { type: 'sgd' }, lr, clipNorm: clip, logEvery: 1, progress: 'jsonl', logTo }).fit(toyData(1, 8), { steps: 1 });
      const w1 = await weightsOf(o);
      // only trainable variables move by lr·g (the last one is the EMA state)
      let sq = 0;
      w0.slice(0, -1).forEach((a, i) => a.forEach((v, j) => (sq += (w1[i]![j]! - v) ** 2)));
      const gradNorm = events.find((e) => e.event === 'step')!.gradNorm as number;
      return { update: Math.sqrt(sq), gradNorm };
    };
    const clipped = await run(clipNorm);
    const free = await run(undefined);
    expect(clipped.gradNorm).toBeGreaterThan(clipNorm * 10);
    expect(clipped.gradNorm).toBeCloseTo(free.gradNorm, 5);
    expect(clipped.update).toBeCloseTo(lr * clipNorm, 5);
    expect(free.update).toBeCloseTo(lr * free.gradNorm, 4);
  });

  it('reads a tf.data.Dataset afresh each epoch and sizes epochs from it', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: Array.from({ length: 6 }, (_, j) => Math.sin(i * 7 + j)) }));
    const ds = tf.data.array(rows).batch(8);
    const seen: number[] = [];
    const r = await new Trainer(toy(), { ...quiet, accumulate: 2 }).fit(ds as tf.data.Dataset<Batch>, {
      epochs: 2,
      callbacks: [{ onEpochEnd: (_c, s) => void seen.push(s.step) }],
    });
    // 5 batches of 8 per epoch, 2 micro-batches per step → 3 steps per epoch (the last one partial)
    expect(seen).toEqual([3, 6]);
    expect(r).toMatchObject({ step: 6, epoch: 2, stopReason: 'completed' });
  });

  it('takes async iterables, and keeps batches when told not to dispose them', async () => {
    const kept = [{ x: tf.randomNormal([4, 6], 0, 1, 'float32', 1) }, { x: tf.randomNormal([4, 6], 0, 1, 'float32', 2) }];
    const source = async function* (): AsyncGenerator<Batch> {
      for (const b of kept) yield b;
    };
    const r = await new Trainer(toy(), quiet).fit(() => source(), { epochs: 3, stepsPerEpoch: 2, disposeBatches: false });
    expect(r).toMatchObject({ step: 6, epoch: 3, stopReason: 'completed' });
    expect(kept.every((b) => !b.x.isDisposed)).toBe(true);
    await new Trainer(toy(), quiet).fit(() => source(), { steps: 2 });
    expect(kept.every((b) => b.x.isDisposed)).toBe(true);
  });

  it('ends with data-exhausted when a one-pass iterator runs out before the planned steps', async () => {
    const gen = toyData(4, 8)(0); // a generator: one pass
    const r = await new Trainer(toy(), quiet).fit(gen, { steps: 10 });
    expect(r.stopReason).toBe('data-exhausted');
    expect(r.step).toBe(4);
  });

  it('caps an epoch at stepsPerEpoch and stops when a callback asks', async () => {
    const r = await new Trainer(toy(), quiet).fit(toyData(50, 4), {
      epochs: 3,
      stepsPerEpoch: 4,
      callbacks: [{ onStepEnd: (ctx, s) => (s.step === 6 ? ctx.stop('enough') : undefined) }],
    });
    expect(r).toMatchObject({ step: 6, epoch: 1, stopReason: 'callback', reason: 'enough' });
  });

  it('refuses bad options and data with clear errors', async () => {
    expect(() => new Trainer(toy(), { accumulate: 0 })).toThrowError(/invalid trainer config:\n {2}- accumulate: accumulate must be ≥ 1/);
    expect(() => new Trainer(toy(), { optimizer: { type: 'adam', beta1: 2 } })).toThrowError(/optimizer\.beta1/);
    expect(() => new Trainer(toy(), { checkpointEvery: 5 })).toThrowError(/checkpointEvery: needs outDir/);
    const t = new Trainer(toy(), quiet);
    await expect(t.fit(toyData(2, 4), { steps: 2, epochs: 1 })).rejects.toThrowError(/exactly one of epochs and steps/);
    await expect(t.fit(toyData(2, 4), { epochs: 1 })).rejects.toThrowError(/give stepsPerEpoch/);
    await expect(t.fit([[1, 2]] as never, { steps: 1 })).rejects.toThrowError(/batch 0 of epoch 0 is not an object of named tensors/);
    await expect(t.fit(() => [], { steps: 1 })).rejects.toThrowError(/no batch in epoch 0/);
  });
});
