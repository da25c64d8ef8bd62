import { Rng } from '@pretext/core';

/** A split of example indices, each part ascending. */
export interface HoldoutSplit {
  readonly train: number[];
  readonly test: number[];
}

/**
 * A seeded, stratified split that holds out EXACTLY `testSize` examples: each class gets its
 * proportional share `testSize · N_c / N`, rounded by largest remainder (ties broken by class
 * index) so that the shares add up to `testSize`, and its held-out members are drawn by a seeded
 * shuffle of the class.
 *
 * @param labels class index per example.
 * @param testSize how many examples to hold out, in [0, N].
 * @param seed seed of the per-class shuffles.
 */
export function stratifiedHoldout(labels: ArrayLike<number>, testSize: number, seed: number): HoldoutSplit {
  const n = labels.length;
  if (!(Number.isInteger(testSize) && testSize >= 0 && testSize <= n)) {
    throw new Error(`stratifiedHoldout: testSize must be an integer in [0, ${n}], got ${testSize}`);
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    const list = byClass.get(c);
    if (list) list.push(i);
    else byClass.set(c, [i]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const quotas = classes.map((c) => (testSize * byClass.get(c)!.length) / n);
  const shares = quotas.map(Math.floor);
  let missing = testSize - shares.reduce((a, b) => a + b, 0);
  const byRemainder = classes.map((_, k) => k).sort((a, b) => quotas[b]! - shares[b]! - (quotas[a]! - shares[a]!) || a - b);
  for (const k of byRemainder) {
    if (missing === 0) break;
    shares[k]! += 1;
    missing -= 1;
  }
  const rng = new Rng(seed);
  const train: number[] = [];
  const test: number[] = [];
  classes.forEach((c, k) => {
    const members = rng.shuffle(byClass.get(c)!.slice());
    test.push(...members.slice(0, shares[k]));
    train.push(...members.slice(shares[k]));
  });
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
