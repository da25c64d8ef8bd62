import type { Rng } from '@pretext/core';

/**
 * Indices, into frames flattened as `b·T + t`, of `count` frames of utterance `b` other than
 * `exclude` (uniform, with replacement), appended to `out`. Needs T ≥ 2.
 */
export function sameUtteranceFrames(rng: Rng, b: number, frames: number, exclude: number, count: number, out: number[]): void {
  for (let i = 0; i < count; i++) {
    const r = rng.int(frames - 1);
    out.push(b * frames + (r >= exclude ? r + 1 : r));
  }
}

/**
 * Indices of `count` frames drawn uniformly from the whole batch (`total` frames), appended to
 * `out`, with a keep flag (0 where the draw hit the positive `positive`) appended to `keep`.
 */
export function batchFrames(rng: Rng, total: number, positive: number, count: number, out: number[], keep: number[]): void {
  for (let i = 0; i < count; i++) {
    const j = rng.int(total);
    out.push(j);
    keep.push(j === positive ? 0 : 1);
  }
}
