import { Rng } from '../tensor/rng.js';
import { toClassIndices, type ClassLabels } from './class-labels.js';

/** One labeled subset drawn by {@link labelFractionSubsets}. */
export interface LabelFractionSubset {
  /** The requested fraction of the labeled set, in (0, 1]. */
  readonly fraction: number;
  /** Indices into the labeled set, ascending. */
  readonly indices: number[];
}

/** A stratified train/validation split from {@link stratifiedSplit}; indices ascending. */
export interface TrainValSplit {
  readonly train: number[];
  readonly val: number[];
}

/**
 * Stratified, seeded label-fraction subsets of a labeled set (the 1 %, 10 %, … splits of
 * semi-supervised evaluation, as in SimCLR's and BYOL's label-efficiency tables).
 *
 * Class c (N_c examples) contributes exactly `min(N_c, max(1, round(fraction · N_c)))` examples,
 * so every class is present and the class proportions are kept to within half an example; the
 * subset size is the sum of these, ≈ `fraction · N` (slightly more when the one-per-class minimum
 * binds). Subsets are NESTED: for one seed, the 1 % subset is contained in the 5 % one, which is
 * contained in the 10 % one (each class is shuffled once and every subset takes a prefix of it),
 * so a label-efficiency curve adds labels instead of redrawing them. The same labels, fractions
 * and seed give the same subsets on every platform.
 *
 * @param labels class index per example.
 * @param fractions each in (0, 1].
 * @param seed seed of the shuffles.
 */
export function labelFractionSubsets(
  labels: ClassLabels,
  fractions: readonly number[],
  seed: number,
): LabelFractionSubset[] {
  const y = toClassIndices(labels, 'labelFractionSubsets');
  for (const f of fractions) {
    if (!(f > 0 && f <= 1)) throw new Error(`labelFractionSubsets: each fraction must be in (0, 1], got ${f}`);
  }
  const classes = shuffledClasses(y, new Rng(seed));
  return fractions.map((fraction) => {
    const indices = classes.flatMap((members) => members.slice(0, classQuota(fraction, members.length)));
    return { fraction, indices: indices.sort((a, b) => a - b) };
  });
}

/** Examples a class of `size` contributes to a `fraction` subset: `round(fraction · size)`, at least 1. */
export function classQuota(fraction: number, size: number): number {
  return Math.min(size, Math.max(1, Math.round(fraction * size)));
}

/**
 * A seeded, stratified train/validation split: each class with at least two examples puts
 * `round(valFraction · N_c)` of them (at least one, at most `N_c − 1`) in validation; a class
 * with a single example stays in training. The validation set is empty when every class has a
 * single example.
 *
 * @param labels class index per example.
 * @param valFraction in (0, 1).
 * @param seed seed of the shuffles.
 */
export function stratifiedSplit(labels: ClassLabels, valFraction: number, seed: number): TrainValSplit {
  if (!(valFraction > 0 && valFraction < 1)) {
    throw new Error(`stratifiedSplit: valFraction must be in (0, 1), got ${valFraction}`);
  }
  const y = toClassIndices(labels, 'stratifiedSplit');
  const train: number[] = [];
  const val: number[] = [];
  for (const members of shuffledClasses(y, new Rng(seed))) {
    const n = members.length;
    const nVal = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(valFraction * n)));
    val.push(...members.slice(0, nVal));
    train.push(...members.slice(nVal));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}

/** Indices of each present class (ascending class id), each list shuffled with `rng`. */
function shuffledClasses(y: Int32Array, rng: Rng): number[][] {
  const byClass = new Map<number, number[]>();
  y.forEach((c, i) => {
    const list = byClass.get(c);
    if (list) list.push(i);
    else byClass.set(c, [i]);
  });
  return [...byClass.keys()].sort((a, b) => a - b).map((c) => rng.shuffle(byClass.get(c)!));
}
