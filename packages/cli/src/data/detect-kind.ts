import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IMAGE_EXTENSIONS } from '@pretext/vision';
import { CliError } from '../cli-error.js';
import type { DataKind } from './data-kind.js';

/** Captions files that make an image folder a pair data set. */
export const CAPTION_FILES = ['captions.jsonl', 'captions.csv'] as const;

const TEXT_FILE_EXTENSIONS = ['.txt', '.jsonl', '.ndjson', '.csv'];

/** What a `--data` path holds, as far as its name and its files tell. */
export interface DetectedPath {
  readonly kind: DataKind;
  /** `file` or `folder`, for messages. */
  readonly form: 'file' | 'folder';
  /** The captions file of a pair folder. */
  readonly captions?: string;
}

/**
 * Detects the kind of data at `path`: a folder with a `captions.jsonl`/`captions.csv` is pairs, a
 * folder of images is images, of `.wav` files audio, of `.txt` files text; a `.txt`, `.jsonl`,
 * `.ndjson` or `.csv` file is text.
 * @throws CliError when the path does not exist, cannot be read or holds nothing usable.
 */
export async function detectKind(path: string, flag = '--data'): Promise<DetectedPath> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(e.code === 'ENOENT' ? `${flag} ${path}: no such file or directory` : `${flag} ${path}: cannot be read (${e.code ?? e.message})`);
  });
  if (info.isFile()) {
    const ext = extname(path).toLowerCase();
    if (TEXT_FILE_EXTENSIONS.includes(ext)) return { kind: 'text', form: 'file' };
    const hint = IMAGE_EXTENSIONS.includes(ext) ? ' (give the folder of images)' : ext === '.wav' ? ' (give the folder of .wav files)' : '';
    throw new CliError(`${flag} ${path}: unsupported file type '${ext || '(none)'}'${hint}; expected a folder, or a .txt, .jsonl or .csv text file`);
  }
  const files = await readdir(path, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`${flag} ${path}: cannot be read (${e.code ?? e.message})`);
  });
  const top = new Set(await readdir(path));
  const captions = CAPTION_FILES.find((f) => top.has(f));
  const exts = new Set(files.map((f) => extname(String(f)).toLowerCase()));
  const has = (list: readonly string[]): boolean => list.some((e) => exts.has(e));
  if (has(IMAGE_EXTENSIONS)) return captions ? { kind: 'pairs', form: 'folder', captions: join(path, captions) } : { kind: 'images', form: 'folder' };
  if (exts.has('.wav')) return { kind: 'audio', form: 'folder' };
  if (exts.has('.txt')) return { kind: 'text', form: 'folder' };
  throw new CliError(`${flag} ${path}: the folder holds no images, .wav or .txt files`);
}
