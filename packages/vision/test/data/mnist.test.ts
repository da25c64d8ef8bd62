import { describe, expect, it } from 'vitest';
import { mnist, stratifiedHoldout } from '../../src/index.js';

function classCounts(labels: Int32Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const y of labels) counts[y]! += 1;
  return counts;
}

describe('mnist', () => {
  it('serves 8,000 / 2,000 stratified, disjoint, seeded splits of the 10,000 digits', async () => {
    const { train, test } = await mnist();
    expect(train.count).toBe(8000);
    expect(test.count).toBe(2000);
    expect([train.height, train.width, train.channels]).toEqual([28, 28, 1]);
    const trainCounts = classCounts(train.labels!);
    const testCounts = classCounts(test.labels!);
    // Per class: test share = 20 % of the class, within one example (largest remainder).
    trainCounts.forEach((n, c) => {
      const total = n + testCounts[c]!;
      expect(Math.abs(testCounts[c]! - total / 5)).toBeLessThan(1);
    });
    expect(trainCounts.reduce((a, b) => a + b) + testCounts.reduce((a, b) => a + b)).toBe(10000);
    // Disjoint: no test image appears in train (compare pixel rows as strings).
    const key = (ds: typeof train, i: number): string => Buffer.from(ds.pixels.subarray(i * 784, (i + 1) * 784)).toString('base64');
    const trainKeys = new Set(Array.from({ length: train.count }, (_, i) => key(train, i)));
    let shared = 0;
    for (let i = 0; i < test.count; i++) if (trainKeys.has(key(test, i))) shared++;
    expect(shared).toBeLessThan(5); // MNIST has a few exact duplicate digits, not hundreds
    expect(train.pixels.reduce((a, b) => Math.max(a, b), 0)).toBe(255);

    const again = await mnist();
    expect(Buffer.compare(Buffer.from(again.test.pixels), Buffer.from(test.pixels))).toBe(0);
    const other = await mnist({ seed: 1 });
    expect(Buffer.compare(Buffer.from(other.test.pixels), Buffer.from(test.pixels))).not.toBe(0);
  });

  it('stratifiedHoldout holds out exactly testSize examples with class proportions', () => {
    const labels = Int32Array.from({ length: 103 }, (_, i) => (i < 50 ? 0 : i < 90 ? 1 : 2));
    const split = stratifiedHoldout(labels, 31, 5);
    expect(split.test).toHaveLength(31);
    expect(split.train).toHaveLength(72);
    expect(new Set([...split.train, ...split.test]).size).toBe(103);
    const perClass = [0, 1, 2].map((c) => split.test.filter((i) => labels[i] === c).length);
    expect(perClass).toEqual([15, 12, 4]); // 15.05, 12.04, 3.91
    expect(stratifiedHoldout(labels, 31, 5)).toEqual(split);
    expect(() => stratifiedHoldout(labels, 104, 0)).toThrow(/testSize/);
  });
});
