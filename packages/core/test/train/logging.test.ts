import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer, type Callback } from '../../src/train/index.js';
import { renderBar } from '../../src/train/progress-bar.js';
import { useTestBackend } from '../helpers/backend.js';
import { collector, toy, toyData } from './toy-objective.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('Trainer logging', () => {
  it('writes JSON lines: one object per line, a step line every logEvery steps', async () => {
    const sink = collector(false);
    const note: Callback = { onStepEnd: (ctx, s) => (s.step === 4 ? ctx.log('note', { k: 1 }) : undefined) };
    await new Trainer(toy(), { logTo: sink, logEvery: 5, callbacks: [note] }).fit(toyData(4, 8), { steps: 12 });
    expect(sink.text.join('').endsWith('\n')).toBe(true);
    const lines = sink.lines();
    const steps = lines.filter((l) => l.event === 'step');
    // after the first step, every 5 steps, at each epoch end (every 4 steps here) and at the end
    expect(steps.map((l) => l.step)).toEqual([1, 4, 5, 8, 10, 12]);
    for (const l of steps) {
      expect(Object.keys(l).sort()).toEqual(['epoch', 'event', 'gradNorm', 'loss', 'lr', 'samplesPerSec', 'step', 'time']);
      expect(l.loss).toEqual(expect.any(Number));
      expect(l.lr).toBe(1e-3);
      expect(l.samplesPerSec as number).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(l.time as string))).toBe(false);
    }
    expect(steps[0]!.gradNorm).toEqual(expect.any(Number));
    expect(steps.map((l) => l.epoch)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(lines.find((l) => l.event === 'note')).toMatchObject({ step: 4, k: 1 });
    expect(lines.at(0)).toMatchObject({ event: 'train_begin', totalSteps: 12, objective: 'toy-ae' });
    expect(lines.at(-1)).toMatchObject({ event: 'train_end', step: 12, stopReason: 'completed' });
  });

  it('draws a progress bar on a TTY instead', async () => {
    const sink = collector(true);
    await new Trainer(toy(), { logTo: sink }).fit(toyData(3, 8), { epochs: 2, stepsPerEpoch: 3 });
    const out = sink.text.join('');
    expect(out).toContain('\r\x1b[2K');
    expect(out).toMatch(/100% \[#+\] 6\/6 · epoch 2\/2 · loss \d\.\d{4} · lr 1\.0e-3 · \d+ samples\/s · ETA 0:00/);
    expect(out).toContain('epoch_end step=3 epoch=0');
    expect(() => JSON.parse(out.split('\n')[0]!)).toThrow();
  });

  it('renders the bar within the terminal width', () => {
    const p = { step: 50, totalSteps: 200, epoch: 0, epochs: undefined, loss: 0.5, lr: 3e-4, samplesPerSec: 1234.5, etaSec: 3725 };
    const wide = renderBar(p, 120);
    expect(wide.length).toBeLessThan(120);
    expect(wide).toMatch(/^ 25% \[#+-+\] 50\/200 · epoch 1 · loss 0\.5000 · lr 3\.0e-4 · 1235 samples\/s · ETA 1:02:05$/);
    const [, hashes, dashes] = /\[(#+)(-+)\]/.exec(wide)!;
    expect(hashes!.length / (hashes!.length + dashes!.length)).toBeCloseTo(0.25, 1);
    // narrower: the learning rate and the epoch go first; step, loss and ETA stay
    const narrow = renderBar(p, 80);
    expect(narrow.length).toBeLessThan(80);
    expect(narrow).toMatch(/^ 25% \[#+-+\] 50\/200 · loss 0\.5000 · 1235 samples\/s · ETA 1:02:05$/);
    expect(renderBar(p, 40)).toHaveLength(39);
  });

  it('leaks no tensor: numTensors after step 50 equals numTensors after step 1', async () => {
    const counts = new Map<number, number>();
    const probe: Callback = { onStepEnd: (_c, s) => void counts.set(s.step, tf.memory().numTensors) };
    const t = new Trainer(toy(), { progress: 'none', accumulate: 2, clipNorm: 0.5, logEvery: 7, optimizer: { type: 'lars' } });
    await t.fit(toyData(6, 8), { steps: 50, callbacks: [probe] });
    expect(counts.size).toBe(50);
    expect(counts.get(50)).toBe(counts.get(1));
    expect(new Set(counts.values()).size).toBe(1);
  });
});
