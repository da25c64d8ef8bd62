import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readUtf8File, TextInputError } from './read-utf8.js';

/** Reads a plain-text file as ONE document (strict UTF-8). */
export async function readTextFile(file: string): Promise<string> {
  return readUtf8File(file);
}

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /** Keep empty (whitespace-only) lines as documents (default false). */
  readonly keepEmpty?: boolean;
}

/** Reads a one-document-per-line file: each (non-empty) line is a document. */
export async function readLines(file: string, options: ReadLinesOptions = {}): Promise<string[]> {
  const lines = (await readUtf8File(file)).split(/\r?\n/);
  return options.keepEmpty ? lines.slice(0, lines.at(-1) === '' ? -1 : undefined) : lines.filter((l) => l.trim() !== '');
}

/**
 * Parses each non-empty line of a JSONL file as a JSON object.
 * @throws TextInputError naming the file and line of a malformed line or a line that is not an object.
 */
export async function readJsonlObjects(file: string): Promise<{ line: number; value: Record<string, unknown> }[]> {
  const lines = (await readUtf8File(file)).split(/\r?\n/);
  const out: { line: number; value: Record<string, unknown> }[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new TextInputError(file, i + 1, `malformed JSON line (${(e as Error).message})`, { cause: e });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TextInputError(file, i + 1, 'a JSONL line must be a JSON object');
    }
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return out;
}

/**
 * Reads the string field `field` (default `"text"`) of every line of a JSONL file.
 * @throws TextInputError naming file and line of a malformed line or a missing / non-string field.
 */
export async function readJsonl(file: string, field = 'text'): Promise<string[]> {
  return (await readJsonlObjects(file)).map(({ line, value }) => {
    const v = value[field];
    if (typeof v !== 'string') throw new TextInputError(file, line, `field '${field}' is missing or not a string`);
    return v;
  });
}

/** Options of {@link readTextFolder}. */
export interface ReadTextFolderOptions {
  /** File extensions read (default `['.txt']`), case-insensitive. */
  readonly extensions?: readonly string[];
  /** Descend into sub-folders (default true). */
  readonly recursive?: boolean;
}

/** One document of a folder, with the file it came from. */
export interface FolderDocument {
  readonly file: string;
  readonly text: string;
}

/** Reads every `.txt` file of a folder (recursively, sorted by path) as one document each. */
export async function readTextFolder(dir: string, options: ReadTextFolderOptions = {}): Promise<FolderDocument[]> {
  const exts = (options.extensions ?? ['.txt']).map((e) => e.toLowerCase());
  const recursive = options.recursive ?? true;
  const files: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (e) {
      throw new TextInputError(d, 0, `cannot read folder (${(e as Error).message})`, { cause: e });
    }
    for (const entry of entries) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (recursive) await walk(p);
      } else if (exts.some((x) => entry.name.toLowerCase().endsWith(x))) files.push(p);
    }
  };
  await walk(dir);
  files.sort();
  const out: FolderDocument[] = [];
  for (const file of files) out.push({ file, text: await readUtf8File(file) });
  return out;
}
