import { isAbsolute, relative, resolve, sep } from 'node:path';
import { TextInputError } from '@pretext/text';
import type { CaptionLine } from './captions-file.js';

/** The captions of each media item, and the items no caption names. */
export interface MatchedCaptions {
  /** Captions per media item, in the media's order (empty for an item no line names). */
  readonly captions: string[][];
  /** Indices of the items without any caption. */
  readonly uncaptioned: number[];
}

/**
 * A media file name as the captions file and the media set compare them: relative to `root`,
 * `/`-separated, without `./`. Returns `undefined` for a path outside `root`.
 */
export function mediaKey(file: string, root: string): string | undefined {
  const rel = relative(resolve(root), resolve(root, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * Attaches the lines of a captions file to media items: `itemFiles[i]` is item i's path (absolute,
 * or relative to `root`), and every line's `file` is resolved against `root`. Several lines may
 * name one file; their captions add up.
 *
 * @throws TextInputError naming `captionsFile`, the line and the media file when a line names a
 *   file outside `root` or one that is not among the media (`missingHint` says why it may be missing).
 */
export function matchCaptions(lines: readonly CaptionLine[], captionsFile: string, itemFiles: readonly string[], root: string, missingHint: string): MatchedCaptions {
  const index = new Map<string, number>();
  itemFiles.forEach((f, i) => {
    const key = mediaKey(f, root);
    if (key !== undefined) index.set(key, i);
  });
  const captions: string[][] = itemFiles.map(() => []);
  for (const { file, captions: texts, line } of lines) {
    const key = mediaKey(file, root);
    if (key === undefined) throw new TextInputError(captionsFile, line, `media file '${file}' is outside the media folder ${root}`);
    const item = index.get(key);
    if (item === undefined) throw new TextInputError(captionsFile, line, `media file '${file}' is missing: there is no ${resolve(root, file)} ${missingHint}`);
    captions[item]!.push(...texts);
  }
  const uncaptioned = captions.flatMap((c, i) => (c.length === 0 ? [i] : []));
  return { captions, uncaptioned };
}
