/**
 * Class labels as the evaluation protocols take them: integer class indices `0..C-1`, one per
 * example, in any array-like (`number[]`, `Int32Array`, the result of `await y.data()`).
 */
export type ClassLabels = ArrayLike<number>;

/**
 * Checks that `labels` are non-negative integer class indices and copies them into an
 * `Int32Array`. `where` names the caller and argument for the error message.
 */
export function toClassIndices(labels: ClassLabels, where: string): Int32Array {
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new Error(`${where}: labels must be non-negative integer class indices, got ${v} at index ${i}`);
    }
    out[i] = v;
  }
  return out;
}

/** Number of classes implied by labels: the largest label plus one (0 for no labels). */
export function classCountOf(labels: ArrayLike<number>): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) max = Math.max(max, labels[i]!);
  return max + 1;
}

/** The labels at `indices`. */
export function pickLabels(labels: ArrayLike<number>, indices: readonly number[]): Int32Array {
  return Int32Array.from(indices, (i) => labels[i]!);
}

/**
 * Fraction of predictions equal to their labels (top-1 accuracy). `NaN` for no examples.
 *
 * @throws when the two arrays differ in length.
 */
export function classificationAccuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predictions.length !== labels.length) {
    throw new Error(`classificationAccuracy: ${predictions.length} predictions for ${labels.length} labels`);
  }
  if (labels.length === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}
