/**
 * Index of the largest value of each row of a row-major `[n, k]` matrix; a tie goes to the lowest
 * index (so that results do not depend on a backend's `argMax`).
 */
export function argmaxRows(values: ArrayLike<number>, n: number, k: number): Int32Array {
  if (values.length !== n * k) throw new Error(`argmaxRows: ${values.length} values are not ${n} rows of ${k}`);
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (values[r * k + c]! > values[r * k + best]!) best = c;
    out[r] = best;
  }
  return out;
}
