import { describe, expect, it } from 'vitest';
import { mixSeed, Rng } from '../../src/tensor/rng.js';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('restores its exact state', () => {
    const r = new Rng(7);
    r.next();
    const state = r.getState();
    const after = [r.nextUint32(), r.nextUint32()];
    const s = new Rng(0);
    s.setState(state);
    expect([s.nextUint32(), s.nextUint32()]).toEqual(after);
    expect(() => s.setState([1, 2, 3])).toThrow(/four uint32 words/);
  });

  it('draws uniform integers, normals and permutations with the right statistics', () => {
    const r = new Rng(1);
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 40_000; i++) counts[r.int(4)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    let m = 0;
    let v = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      m += x / n;
      v += (x * x) / n;
    }
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
    expect(r.permutation(10).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => r.int(0)).toThrow(/positive integer/);
  });
});

describe('mixSeed', () => {
  it('is deterministic and sensitive to the order of its inputs', () => {
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(5, 3, 1)).not.toBe(mixSeed(5, 1, 3));
    const seen = new Set<number>();
    for (let s = 0; s < 50; s++) for (let k = 0; k < 20; k++) seen.add(mixSeed(s, k));
    expect(seen.size).toBe(1000);
  });
});
