import { describe, expect, it } from 'vitest';
import { classQuota, labelFractionSubsets, stratifiedSplit } from '../../src/eval/label-fraction-split.js';
import { Rng } from '../../src/tensor/rng.js';

/** 1000 labels: class sizes 500, 300, 150, 45, 5, in a shuffled order. */
function imbalancedLabels(): number[] {
  const sizes = [500, 300, 150, 45, 5];
  const labels = sizes.flatMap((n, c) => Array<number>(n).fill(c));
  return new Rng(7).shuffle(labels);
}

function countsOf(labels: readonly number[], indices: readonly number[], classes: number): number[] {
  const counts = Array<number>(classes).fill(0);
  for (const i of indices) counts[labels[i]!]!++;
  return counts;
}

describe('labelFractionSubsets', () => {
  const labels = imbalancedLabels();
  const fractions = [0.001, 0.01, 0.05, 0.1, 0.5, 1];
  const subsets = labelFractionSubsets(labels, fractions, 3);

  it('draws exactly Σ max(1, round(f·N_c)) distinct, ascending indices', () => {
    // 0.1 %: one per class; 1 %: 5 + 3 + 2 (1.5 rounds up) + 1 (0.45 → 0 → minimum 1) + 1;
    // 10 %: 50 + 30 + 15 + 5 (4.5 rounds up) + 1 (0.5 rounds up)
    expect(subsets.map((s) => s.indices.length)).toEqual([5, 12, 51, 101, 501, 1000]);
    for (const { indices } of subsets) {
      expect(new Set(indices).size).toBe(indices.length);
      expect(indices).toEqual([...indices].sort((a, b) => a - b));
      expect(indices.every((i) => Number.isInteger(i) && i >= 0 && i < labels.length)).toBe(true);
    }
  });

  it('keeps at least one example per class and the class proportions', () => {
    const sizes = [500, 300, 150, 45, 5];
    for (const { fraction, indices } of subsets) {
      const counts = countsOf(labels, indices, 5);
      counts.forEach((count, c) => {
        expect(count).toBe(classQuota(fraction, sizes[c]!));
        expect(count).toBeGreaterThanOrEqual(1);
        // within half an example of the stratified quota, unless the one-per-class minimum binds
        if (fraction * sizes[c]! >= 0.5) expect(Math.abs(count - fraction * sizes[c]!)).toBeLessThanOrEqual(0.5);
      });
    }
    expect(countsOf(labels, subsets[1]!.indices, 5)).toEqual([5, 3, 2, 1, 1]);
    expect(countsOf(labels, subsets[3]!.indices, 5)).toEqual([50, 30, 15, 5, 1]);
    expect(countsOf(labels, subsets[5]!.indices, 5)).toEqual(sizes);
  });

  it('nests the subsets: each is contained in the next larger one', () => {
    for (let i = 1; i < subsets.length; i++) {
      const larger = new Set(subsets[i]!.indices);
      expect(subsets[i - 1]!.indices.every((j) => larger.has(j))).toBe(true);
    }
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(labelFractionSubsets(labels, fractions, 3)).toEqual(subsets);
    expect(labelFractionSubsets(labels, [0.1], 4)[0]!.indices).not.toEqual(subsets[3]!.indices);
  });

  it('is stratified and nested on many random class distributions', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 30; trial++) {
      const classes = 2 + rng.int(12);
      const sizes = Array.from({ length: classes }, () => 1 + rng.int(200));
      const y = rng.shuffle(sizes.flatMap((n, c) => Array<number>(n).fill(c)));
      const fs = [0.01, 0.02, 0.1, 0.25, 0.6];
      const drawn = labelFractionSubsets(y, fs, trial);
      drawn.forEach(({ fraction, indices }, k) => {
        expect(indices.length).toBe(sizes.reduce((a, size) => a + classQuota(fraction, size), 0));
        if (k > 0) {
          const larger = new Set(indices);
          expect(drawn[k - 1]!.indices.every((j) => larger.has(j))).toBe(true);
        }
        countsOf(y, indices, classes).forEach((count, c) => {
          expect(count).toBeGreaterThanOrEqual(1);
          expect(count).toBe(Math.max(1, Math.round(fraction * sizes[c]!)));
        });
      });
    }
  });

  it('rejects fractions outside (0, 1] and labels that are not class indices', () => {
    expect(() => labelFractionSubsets(labels, [0], 0)).toThrow(/fraction/);
    expect(() => labelFractionSubsets(labels, [1.5], 0)).toThrow(/fraction/);
    expect(() => labelFractionSubsets([0, 1, -1], [0.5], 0)).toThrow(/labels/);
    expect(() => labelFractionSubsets([0, 1.5], [0.5], 0)).toThrow(/labels/);
  });
});

describe('stratifiedSplit', () => {
  it('holds out round(f·N_c) per class, disjoint and complete, deterministic', () => {
    const labels = [...Array<number>(50).fill(0), ...Array<number>(30).fill(1), ...Array<number>(4).fill(2), 3];
    const split = stratifiedSplit(labels, 0.2, 5);
    expect(countsOf(labels, split.val, 4)).toEqual([10, 6, 1, 0]);
    expect(countsOf(labels, split.train, 4)).toEqual([40, 24, 3, 1]);
    expect(new Set([...split.train, ...split.val]).size).toBe(labels.length);
    expect(stratifiedSplit(labels, 0.2, 5)).toEqual(split);
    expect(stratifiedSplit(labels, 0.2, 6).val).not.toEqual(split.val);
  });

  it('keeps at least one example of each class in training and one in validation', () => {
    const split = stratifiedSplit([0, 0, 1, 1, 1], 0.9, 1);
    expect(countsOf([0, 0, 1, 1, 1], split.train, 2)).toEqual([1, 1]);
    expect(countsOf([0, 0, 1, 1, 1], split.val, 2)).toEqual([1, 2]);
    expect(stratifiedSplit([0, 1, 2], 0.5, 0)).toEqual({ train: [0, 1, 2], val: [] });
    expect(() => stratifiedSplit([0, 1], 1, 0)).toThrow(/valFraction/);
  });
});
