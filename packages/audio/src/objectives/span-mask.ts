import type { Rng } from '@pretext/core';

/** Options of {@link spanMask}. */
export interface SpanMaskOptions {
  /** Probability that a frame starts a masked span (wav2vec 2.0: 0.065). */
  readonly startProbability: number;
  /** Span length in frames (wav2vec 2.0: 10). */
  readonly span: number;
  /** Spans per utterance at least (default 1, so every utterance has a target). */
  readonly minSpans?: number;
}

/**
 * wav2vec 2.0's time masking (Baevski et al. 2020, §3.2): per utterance of `frames` latent frames,
 * a proportion `startProbability` of the time steps is sampled without replacement as span
 * starts (stochastically rounded, at least `minSpans`), and the `span` frames from each start are
 * masked; spans may overlap (≈49 % of frames are masked at p = 0.065, M = 10). Returns a
 * `[batch · frames]` 0/1 mask, row-major (utterance b, frame t at `b·frames + t`).
 */
export function spanMask(rng: Rng, batch: number, frames: number, options: SpanMaskOptions): Uint8Array {
  const { startProbability: p, span } = options;
  const minSpans = options.minSpans ?? 1;
  if (!(p >= 0 && p <= 1)) throw new Error(`spanMask: startProbability must be in [0, 1], got ${p}`);
  if (!(Number.isInteger(span) && span > 0)) throw new Error(`spanMask: span must be a positive integer, got ${span}`);
  if (!(frames > 0)) throw new Error(`spanMask: needs at least one frame, got ${frames}`);
  const mask = new Uint8Array(batch * frames);
  const startRange = Math.max(1, frames - span + 1); // starts whose span fits (all of them if T < span)
  for (let b = 0; b < batch; b++) {
    const expected = p * frames;
    const count = Math.min(startRange, Math.max(minSpans, Math.floor(expected + rng.next())));
    const starts = rng.permutation(startRange).slice(0, count);
    for (const s of starts) for (let t = s; t < Math.min(frames, s + span); t++) mask[b * frames + t] = 1;
  }
  return mask;
}
