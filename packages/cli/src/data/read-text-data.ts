import { extname, relative, sep } from 'node:path';
import type { TextSet } from './loaded-data.js';
import type { Modalities } from '../modalities/load-modalities.js';

type TextModule = NonNullable<Modalities['text']>;

/** Turns string labels into class indices (classes sorted), or `undefined` when any is missing. */
function labelsOf(labels: readonly (string | undefined)[]): { labels?: Int32Array; classes?: string[] } {
  if (labels.length === 0 || labels.some((l) => l === undefined)) return {};
  const classes = [...new Set(labels as string[])].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  return { labels: Int32Array.from(labels, (l) => index.get(l!)!), classes };
}

/**
 * Reads text data from a path: a `.txt` file (one document per line), a `.jsonl`/`.ndjson` file
 * (`{"text": …, "label"?: …}` per line), a `.csv` file with a header (`text` column, optional
 * `label` column), or a folder of `.txt` files (one document each; files in sub-folders take the
 * sub-folder's name as label). Labels are used only when every document has one.
 */
export async function readTextData(t: TextModule, path: string, form: 'file' | 'folder'): Promise<TextSet> {
  if (form === 'folder') {
    const docs = await t.readTextFolder(path);
    const labels = docs.map((d) => {
      const parts = relative(path, d.file).split(sep);
      return parts.length > 1 ? parts[0] : undefined;
    });
    return { texts: docs.map((d) => d.text), sources: docs.map((d) => d.file), ...labelsOf(labels) };
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    const rows = await t.readJsonlObjects(path);
    const texts = rows.map(({ line, value }) => {
      if (typeof value.text !== 'string') throw new t.TextInputError(path, line, `field 'text' is missing or not a string`);
      return value.text;
    });
    const labels = rows.map(({ value }) => (typeof value.label === 'string' || typeof value.label === 'number' ? String(value.label) : undefined));
    return { texts, sources: rows.map((r) => `${path}:${r.line}`), ...labelsOf(labels) };
  }
  if (ext === '.csv') {
    const records = t.parseCsv(await t.readUtf8File(path), path);
    const header = records[0];
    const ti = header?.fields.indexOf('text') ?? -1;
    if (!header || ti < 0) throw new t.TextInputError(path, header?.line ?? 0, `a CSV needs a header with a 'text' column (and optionally 'label')`);
    const li = header.fields.indexOf('label');
    const rows = records.slice(1);
    return {
      texts: rows.map((r) => r.fields[ti] ?? ''),
      sources: rows.map((r) => `${path}:${r.line}`),
      ...labelsOf(rows.map((r) => (li >= 0 ? r.fields[li] : undefined))),
    };
  }
  const lines = await t.readLines(path);
  return { texts: lines, sources: lines.map((_, i) => `${path}:${i + 1}`) };
}
