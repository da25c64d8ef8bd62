import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pretrainWithinBudget, type TrainerOptions } from '../../src/train/index.js';
import { useTestBackend } from '../helpers/backend.js';
import { toy, toyData } from './toy-objective.js';

beforeAll(async () => {
  await useTestBackend();
});

/** A fake clock that each step advances: `timingMs` a step on the timing copy (planned 7), `runMs` on the real run. */
function fakeTime(timingMs: number, runMs: number): { clock: () => number; trainer: (steps: number) => TrainerOptions; plans: number[] } {
  let t = 0;
  const plans: number[] = [];
  return {
    clock: () => t,
    plans,
    trainer: (steps) => {
      plans.push(steps);
      const ms = steps === 7 ? timingMs : runMs;
      return { progress: 'none', logTo: { write: () => true }, lr: 1e-2, schedule: { type: 'cosine', warmupSteps: 2 }, seed: 0, callbacks: [{ onStepEnd: () => void (t += ms) }] };
    },
  };
}

describe('pretrainWithinBudget', () => {
  it('plans the steps that fit the budget, hands them to the schedule, and disposes the timing copy', async () => {
    const time = fakeTime(10, 10);
    let created = 0;
    const before = tf.memory().numTensors;
    // 0.01 min = 600 ms; 90 % of it at 10 ms a step = 54 steps.
    const run = await pretrainWithinBudget({ create: () => (created++, toy()), data: toyData(4, 8), minutes: 0.01, trainer: time.trainer, clock: time.clock });
    expect(created).toBe(2);
    expect(time.plans).toEqual([7, 54]);
    expect([run.plannedSteps, run.steps, run.stopReason]).toEqual([54, 54, 'completed']);
    expect(run.secondsPerStep).toBeCloseTo(0.01, 9);
    expect(run.seconds).toBeCloseTo(0.54, 9);
    expect(Number.isFinite(run.finalLoss)).toBe(true);
    run.objective.dispose();
    const after = tf.memory().numTensors;
    const again = fakeTime(10, 10);
    (await pretrainWithinBudget({ create: () => toy(), data: toyData(4, 8), minutes: 0.01, trainer: again.trainer, clock: again.clock })).objective.dispose();
    expect(tf.memory().numTensors).toBe(after);
    expect(after).toBe(before);
  });

  it('caps the plan at maxSteps', async () => {
    const time = fakeTime(10, 10);
    const run = await pretrainWithinBudget({ create: () => toy(), data: toyData(4, 8), minutes: 0.01, maxSteps: 20, trainer: time.trainer, clock: time.clock });
    expect([run.plannedSteps, run.steps]).toEqual([20, 20]);
    run.objective.dispose();
  });

  it('stops at the budget when the real run is slower than the timing said', async () => {
    const time = fakeTime(10, 50);
    const run = await pretrainWithinBudget({ create: () => toy(), data: toyData(4, 8), minutes: 0.01, trainer: time.trainer, clock: time.clock });
    expect(run.plannedSteps).toBe(54);
    expect(run.steps).toBe(13); // 13 × 50 ms is the first step past 600 ms
    expect(run.stopReason).toBe('time budget of 0.01 min reached at step 13');
    run.objective.dispose();
  });

  it('refuses a budget that is not positive', async () => {
    await expect(pretrainWithinBudget({ create: () => toy(), data: toyData(1, 2), minutes: 0, trainer: () => ({}) })).rejects.toThrow(/minutes must be > 0, got 0/);
  });
});
