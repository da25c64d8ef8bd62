import { describe, expect, it } from 'vitest';
import { constantLr, createSchedule, warmupCosine } from '../../src/index.js';

describe('warmupCosine', () => {
  const lr = warmupCosine({ baseLr: 1, totalSteps: 110, warmupSteps: 10, finalLr: 0.1, warmupStartLr: 0.2 });

  it('warms up linearly from warmupStartLr to baseLr', () => {
    expect(lr(0)).toBeCloseTo(0.2, 12);
    expect(lr(5)).toBeCloseTo(0.6, 12);
    expect(lr(10)).toBeCloseTo(1, 12);
  });

  it('then follows a cosine to finalLr at totalSteps and clamps after', () => {
    expect(lr(60)).toBeCloseTo(0.55, 12); // midpoint: (1 + 0.1)/2
    expect(lr(35)).toBeCloseTo(0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2, 12);
    expect(lr(110)).toBeCloseTo(0.1, 12);
    expect(lr(111)).toBe(0.1);
    expect(lr(1e6)).toBe(0.1);
  });

  it('defaults: no warm-up, cosine to 0', () => {
    const s = warmupCosine({ baseLr: 0.5, totalSteps: 4 });
    const expected = [0.5, (0.5 * (1 + Math.SQRT1_2)) / 2, 0.25, (0.5 * (1 - Math.SQRT1_2)) / 2, 0, 0];
    expect([0, 1, 2, 3, 4, 5].map(s)).toEqual(expected.map((v) => expect.closeTo(v, 12)));
    const w = warmupCosine({ baseLr: 0.5, totalSteps: 4, warmupSteps: 2 });
    expect(w(0)).toBe(0);
    expect(w(1)).toBeCloseTo(0.25, 12);
  });

  it('rejects bad options with the option named', () => {
    expect(() => warmupCosine({ baseLr: -1, totalSteps: 10 })).toThrow('warmupCosine: baseLr must be a finite number ≥ 0, got -1');
    expect(() => warmupCosine({ baseLr: 1, totalSteps: 0 })).toThrow(/totalSteps must be an integer ≥ 1, got 0/);
    expect(() => warmupCosine({ baseLr: 1, totalSteps: 10, warmupSteps: 11 })).toThrow(
      /warmupSteps must be an integer in \[0, totalSteps = 10\], got 11/,
    );
    expect(() => warmupCosine({ baseLr: 1, totalSteps: 10, finalLr: NaN })).toThrow(/finalLr must be a finite number/);
    expect(() => lr(-1)).toThrow(/step must be a finite number ≥ 0, got -1/);
  });
});

describe('constantLr / createSchedule', () => {
  it('constantLr is constant', () => {
    const s = constantLr(3e-4);
    expect([0, 1, 1000].map(s)).toEqual([3e-4, 3e-4, 3e-4]);
    expect(() => constantLr(-3)).toThrow(/constantLr: lr must be a finite number ≥ 0, got -3/);
  });

  it('builds a cosine schedule from its config', () => {
    const s = createSchedule({ type: 'cosine', warmupSteps: 10, finalLr: 0.1 }, 110, 1);
    const ref = warmupCosine({ baseLr: 1, totalSteps: 110, warmupSteps: 10, finalLr: 0.1 });
    for (const step of [0, 3, 10, 47, 110, 200]) expect(s(step)).toBe(ref(step));
  });

  it('builds a constant schedule, with an optional linear warm-up', () => {
    expect([0, 50].map(createSchedule({ type: 'constant' }, 100, 0.3))).toEqual([0.3, 0.3]);
    const w = createSchedule({ type: 'constant', warmupSteps: 4, warmupStartLr: 0.1 }, 100, 0.5);
    expect([0, 2, 4, 60, 100, 150].map(w)).toEqual([0.1, 0.3, 0.5, 0.5, 0.5, 0.5].map((v) => expect.closeTo(v, 12)));
  });

  it('rejects bad configs and arguments with readable messages', () => {
    expect(() => createSchedule({ type: 'cosine', finalLr: -0.1 }, 10, 1)).toThrow(/finalLr must be ≥ 0 \(a learning rate\)[\s\S]*at finalLr/);
    expect(() => createSchedule({ type: 'step' } as never, 10, 1)).toThrow(/unknown schedule type "step"; use cosine or constant/);
    expect(() => createSchedule({ type: 'cosine', warmupSteps: 1.5 }, 10, 1)).toThrow(/warmupSteps must be an integer/);
    expect(() => createSchedule({ type: 'constant', finalLr: 0 } as never, 10, 1)).toThrow(/Unrecognized key: "finalLr"/);
    expect(() => createSchedule({ type: 'cosine' }, 10, -1)).toThrow(/createSchedule: baseLr must be a finite number ≥ 0, got -1/);
    expect(() => createSchedule({ type: 'cosine', warmupSteps: 20 }, 10, 1)).toThrow(/warmupSteps must be an integer in \[0, totalSteps = 10\]/);
  });
});
