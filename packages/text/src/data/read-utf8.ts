import { readFile } from 'node:fs/promises';

/** Raised when a text file cannot be decoded or parsed; names the file and the 1-based line. */
export class TextInputError extends Error {
  /** The offending file. */
  readonly file: string;
  /** The 1-based line of the problem (0 when it concerns the whole file). */
  readonly line: number;

  constructor(file: string, line: number, message: string, options?: { cause?: unknown }) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${message}`, options);
    this.name = 'TextInputError';
    this.file = file;
    this.line = line;
  }
}

/**
 * Decodes UTF-8 bytes strictly (a leading byte-order mark is dropped).
 * @throws TextInputError naming `file` and the line of the first invalid byte sequence.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (e) {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    throw new TextInputError(file, line, `invalid UTF-8 (byte offset ${at})`, { cause: e });
  }
}

/** Reads a file as strict UTF-8. @throws TextInputError on unreadable files or invalid UTF-8. */
export async function readUtf8File(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new TextInputError(file, 0, `cannot read file (${(e as Error).message})`, { cause: e });
  }
  return decodeUtf8(bytes, file);
}

/** Byte offset of the first invalid UTF-8 sequence in `b` (b.length when there is none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
