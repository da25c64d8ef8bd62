import type { CaptionPairs } from './caption-pairs.js';

/**
 * Builds the pair set of the captioned items only, warning once about the others.
 * @throws Error when no item has a caption.
 */
export function keepCaptioned(
  matched: { readonly captions: readonly string[][]; readonly uncaptioned: readonly number[] },
  count: number,
  build: (kept: number[]) => CaptionPairs,
  sources: readonly string[],
  captionsFile: string,
  warn: ((message: string) => void) | undefined,
): CaptionPairs {
  const skip = new Set(matched.uncaptioned);
  const kept = Array.from({ length: count }, (_, i) => i).filter((i) => !skip.has(i));
  if (kept.length === 0) throw new Error(`${captionsFile}: no caption names any of the ${count} media files`);
  if (skip.size > 0) {
    const examples = matched.uncaptioned.slice(0, 5).map((i) => sources[i]).join(', ');
    (warn ?? console.warn)(`${captionsFile}: ${skip.size} of ${count} media files have no caption and are left out (e.g. ${examples})`);
  }
  return build(kept);
}
