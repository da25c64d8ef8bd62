import { extname } from 'node:path';
import { parseCsv, readJsonlObjects, readUtf8File, TextInputError } from '@pretext/text';

/** One line (CSV row or JSONL object) of a captions file. */
export interface CaptionLine {
  /** Media file named by the line, as written (relative to the media folder). */
  readonly file: string;
  /** Its captions (one for a CSV row; one or several for a JSONL line). */
  readonly captions: readonly string[];
  /** 1-based line number in the captions file. */
  readonly line: number;
}

/** Format of a captions file: `csv` (a `file,caption` header) or `jsonl`. */
export type CaptionsFormat = 'csv' | 'jsonl';

/**
 * Reads a captions file: CSV with a header naming a `file` and a `caption` column (other columns
 * are ignored; a file may have several rows), or JSON Lines with one object per line,
 * `{"file": "cat.png", "caption": "a cat"}` or `{"file": "cat.png", "captions": ["a cat", "a kitten"]}`.
 * The format follows the extension (`.csv`; `.jsonl`, `.ndjson`) unless given. Strict UTF-8.
 *
 * @throws TextInputError naming the file and the line of a malformed line, a missing or empty
 *   file name or caption, or (line 0) a missing header column or an unknown extension.
 */
export async function readCaptionsFile(path: string, format?: CaptionsFormat): Promise<CaptionLine[]> {
  const kind = format ?? formatOf(path);
  const lines = kind === 'csv' ? csvCaptions(await readUtf8File(path), path) : await jsonlCaptions(path);
  if (lines.length === 0) throw new TextInputError(path, 0, 'the captions file holds no caption');
  return lines;
}

function formatOf(path: string): CaptionsFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new TextInputError(path, 0, `cannot tell the captions format from the extension '${ext}'; use .csv or .jsonl, or pass the format`);
}

function csvCaptions(text: string, path: string): CaptionLine[] {
  const [header, ...rows] = parseCsv(text, path);
  if (!header) return [];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const fileCol = names.indexOf('file');
  const captionCol = names.indexOf('caption');
  if (fileCol < 0 || captionCol < 0) {
    throw new TextInputError(path, header.line, `the header must name a 'file' and a 'caption' column, got: ${header.fields.join(', ')}`);
  }
  return rows.map(({ line, fields }) => {
    if (fields.length !== header.fields.length) {
      throw new TextInputError(path, line, `expected ${header.fields.length} fields as in the header, got ${fields.length} (quote captions that contain commas)`);
    }
    return { file: nonEmpty(fields[fileCol]!, path, line, 'file name'), captions: [nonEmpty(fields[captionCol]!, path, line, 'caption')], line };
  });
}

async function jsonlCaptions(path: string): Promise<CaptionLine[]> {
  return (await readJsonlObjects(path)).map(({ line, value }) => {
    if (typeof value.file !== 'string') throw new TextInputError(path, line, `'file' is missing or not a string`);
    const file = nonEmpty(value.file, path, line, 'file name');
    const has = (k: string) => Object.hasOwn(value, k);
    if (has('caption') === has('captions')) throw new TextInputError(path, line, `give exactly one of 'caption' (a string) and 'captions' (an array of strings)`);
    if (has('caption')) {
      if (typeof value.caption !== 'string') throw new TextInputError(path, line, `'caption' must be a string`);
      return { file, captions: [nonEmpty(value.caption, path, line, 'caption')], line };
    }
    const list = value.captions;
    if (!Array.isArray(list) || list.length === 0 || list.some((c) => typeof c !== 'string')) {
      throw new TextInputError(path, line, `'captions' must be a non-empty array of strings`);
    }
    return { file, captions: (list as string[]).map((c) => nonEmpty(c, path, line, 'caption')), line };
  });
}

function nonEmpty(value: string, path: string, line: number, what: string): string {
  const v = value.trim();
  if (v === '') throw new TextInputError(path, line, `empty ${what}`);
  return v;
}
