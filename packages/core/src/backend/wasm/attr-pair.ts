/** A `[height, width]` attribute (strides, dilations) that tfjs also accepts as one number. */
export type Pair = [number, number];

/** Normalises a strides/dilations attribute: missing (`undefined`, `null`) is 1, a number applies to both axes. */
export function pair(v: number | readonly number[] | undefined | null): Pair {
  if (v == null) return [1, 1];
  if (typeof v === 'number') return [v, v];
  return [v[0] ?? 1, v[1] ?? v[0] ?? 1];
}
