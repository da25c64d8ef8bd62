import { mixSeed } from '@pretext/core';

/** Purposes that {@link deriveSeed} keeps apart (arbitrary distinct constants). */
export const SEED_PURPOSE = { view: 0x76696577, op: 0x6f707331, mask: 0x6d61736b, grid: 0x67726964, init: 0x696e6974 } as const;

/**
 * A seed for sub-task `index` of `purpose` (a view, an augmentation op, a mask), derived from
 * `seed`. `mixSeed(a, b)` alone is symmetric for one part (`mixSeed(1, 2) === mixSeed(2, 1)`), so
 * view 2 of seed 1 would replay view 1 of seed 2; hashing the purpose in first separates them.
 */
export function deriveSeed(seed: number, purpose: number, index: number): number {
  return mixSeed(seed, purpose, index);
}
