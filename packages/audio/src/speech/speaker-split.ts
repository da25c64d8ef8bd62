import { Rng } from '@pretext/core';

/**
 * Which part of the corpus a clip is in:
 * - `train`: speakers seen in training (pre-training and both tasks train here);
 * - `speaker-test`: held-out takes of the TRAINING speakers (test set of speaker identification);
 * - `test`: every clip of the held-out speakers (test set of speaker-independent digit recognition).
 */
export type DigitSplit = 'train' | 'speaker-test' | 'test';

/**
 * Seeded split of a corpus: `round(testSpeakers · S)` whole speakers (at least 1, at most S − 1)
 * go to `test`; of each remaining speaker's clips, `round(speakerTestFraction · n)` go to
 * `speaker-test`, the rest to `train`. The same speakers, clips and seed give the same split.
 *
 * @param speakerOfClip the speaker of each clip.
 */
export function speakerHeldOutSplit(
  speakerOfClip: readonly string[],
  testSpeakers: number,
  speakerTestFraction: number,
  seed: number,
): DigitSplit[] {
  if (!(testSpeakers > 0 && testSpeakers < 1)) throw new Error(`speakerHeldOutSplit: testSpeakers must be in (0, 1), got ${testSpeakers}`);
  if (!(speakerTestFraction >= 0 && speakerTestFraction < 1)) {
    throw new Error(`speakerHeldOutSplit: speakerTestFraction must be in [0, 1), got ${speakerTestFraction}`);
  }
  const speakers = [...new Set(speakerOfClip)].sort();
  if (speakers.length < 2) throw new Error(`speakerHeldOutSplit: needs at least 2 speakers, got ${speakers.length}`);
  const rng = new Rng(seed);
  const shuffled = rng.shuffle([...speakers]);
  const nTest = Math.min(speakers.length - 1, Math.max(1, Math.round(testSpeakers * speakers.length)));
  const heldOut = new Set(shuffled.slice(0, nTest));
  const split: DigitSplit[] = speakerOfClip.map((s) => (heldOut.has(s) ? 'test' : 'train'));
  for (const s of speakers) {
    if (heldOut.has(s)) continue;
    const clips = rng.shuffle(speakerOfClip.flatMap((sp, i) => (sp === s ? [i] : [])));
    const nSpeakerTest = Math.round(speakerTestFraction * clips.length);
    for (const i of clips.slice(0, nSpeakerTest)) split[i] = 'speaker-test';
  }
  return split;
}

/** Indices of the clips in `split`, ascending. */
export function splitIndices(splits: readonly DigitSplit[], split: DigitSplit): number[] {
  return splits.flatMap((s, i) => (s === split ? [i] : []));
}
