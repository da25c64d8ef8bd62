import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { readWav, type AudioClip, type ReadWavOptions } from '../wav/read-wav.js';
import { parseCsv } from './csv-labels.js';

/** Where the labels of {@link loadAudioFolder} come from. */
export type FolderLabels =
  /** Each sub-folder is a class; its WAV files (at any depth below it) are examples. */
  | 'subfolders'
  /** A CSV with a header: a file column (path relative to the folder) and a label column. */
  | { readonly csv: string; readonly fileColumn?: string; readonly labelColumn?: string };

/** Options of {@link loadAudioFolder}. */
export interface AudioFolderOptions extends ReadWavOptions {
  /** Label source (default `'subfolders'`). */
  readonly labels?: FolderLabels;
}

/** A labeled folder of clips, in a stable order (sorted by path). */
export interface AudioFolder {
  readonly clips: AudioClip[];
  /** Paths relative to the folder, `/`-separated. */
  readonly files: string[];
  /** Class index per clip, into `classNames`. */
  readonly labels: Int32Array;
  /** Class names, sorted; the index is the label. */
  readonly classNames: string[];
}

/**
 * Loads a folder of WAV files with class labels from sub-folder names or from a CSV, every clip
 * mono at `sampleRate` (16 kHz by default).
 *
 * @example
 * ```ts
 * const { clips, labels, classNames } = await loadAudioFolder('data/commands');            // data/commands/yes/*.wav …
 * const csv = await loadAudioFolder('data/clips', { labels: { csv: 'data/clips/labels.csv' } });
 * ```
 * @throws Error naming the folder when it holds no WAV; WavFormatError naming a bad file; Error
 *   naming the CSV and the missing column or file.
 */
export async function loadAudioFolder(dir: string, options: AudioFolderOptions = {}): Promise<AudioFolder> {
  const labelSource = options.labels ?? 'subfolders';
  const entries = labelSource === 'subfolders' ? await fromSubfolders(dir) : await fromCsv(dir, labelSource);
  if (entries.length === 0) throw new Error(`loadAudioFolder(${dir}): no .wav files found`);
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const classNames = [...new Set(entries.map((e) => e.label))].sort();
  const index = new Map(classNames.map((c, i) => [c, i]));
  const clips: AudioClip[] = [];
  for (const e of entries) clips.push(await readWav(join(dir, e.file), options));
  return {
    clips,
    files: entries.map((e) => e.file),
    labels: Int32Array.from(entries, (e) => index.get(e.label)!),
    classNames,
  };
}

interface Entry {
  readonly file: string;
  readonly label: string;
}

async function fromSubfolders(dir: string): Promise<Entry[]> {
  const top = await readdir(dir, { withFileTypes: true });
  const entries: Entry[] = [];
  for (const d of top) {
    if (!d.isDirectory()) continue;
    for (const file of await listWavs(join(dir, d.name))) entries.push({ file: toPosix(relative(dir, file)), label: d.name });
  }
  return entries;
}

async function fromCsv(dir: string, source: { csv: string; fileColumn?: string; labelColumn?: string }): Promise<Entry[]> {
  const { header, rows } = parseCsv(await readFile(source.csv, 'utf8'), source.csv);
  const fileCol = header.indexOf(source.fileColumn ?? 'file');
  const labelCol = header.indexOf(source.labelColumn ?? 'label');
  for (const [col, want] of [[fileCol, source.fileColumn ?? 'file'], [labelCol, source.labelColumn ?? 'label']] as const) {
    if (col < 0) throw new Error(`${source.csv}: no column '${want}' (header: ${header.join(', ')})`);
  }
  const root = resolve(dir);
  return rows.map((r, i) => {
    const file = r[fileCol]!.trim();
    if (!file) throw new Error(`${source.csv}: row ${i + 2} has an empty file name`);
    if (!resolve(root, file).startsWith(root)) throw new Error(`${source.csv}: row ${i + 2}: '${file}' is outside ${dir}`);
    return { file: toPosix(file), label: r[labelCol]!.trim() };
  });
}

async function listWavs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await listWavs(path)));
    else if (d.isFile() && d.name.toLowerCase().endsWith('.wav')) out.push(path);
  }
  return out;
}

function toPosix(p: string): string {
  return p.split('\\').join('/');
}
