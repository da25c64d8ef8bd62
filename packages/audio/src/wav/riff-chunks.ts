import { WavFormatError } from './wav-error.js';

/** One chunk of a RIFF/WAVE file as its header declares it. */
export interface RiffChunk {
  readonly id: string;
  /** Byte offset of the chunk's payload. */
  readonly offset: number;
  /** Declared payload size in bytes. */
  readonly size: number;
}

/** Streaming writers (e.g. a WAV piped from stdout) leave this size in the data header. */
const UNKNOWN_SIZE = 0xffffffff;

/**
 * Walks the chunk headers of a RIFF/WAVE (or RF64-less WAVE) buffer and checks that the file is
 * complete: a `RIFF…WAVE` signature, a `fmt ` chunk, and a `data` chunk whose declared size fits
 * in the bytes actually present. wavefile silently reads a truncated data chunk short; this is
 * what turns that into an error naming the file.
 *
 * @throws WavFormatError naming `name` when the signature is missing or the file is truncated.
 */
export function checkRiffChunks(bytes: Uint8Array, name: string): RiffChunk[] {
  if (bytes.length < 12) throw new WavFormatError(name, `not a WAV file (only ${bytes.length} bytes)`);
  const tag = (at: number): string => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  const riff = tag(0);
  if ((riff !== 'RIFF' && riff !== 'RIFX') || tag(8) !== 'WAVE') {
    throw new WavFormatError(name, `not a WAV file (no RIFF/WAVE header; starts with ${JSON.stringify(riff)})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = riff === 'RIFF';
  const chunks: RiffChunk[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, little);
    const offset = at + 8;
    chunks.push({ id, offset, size });
    if (id === 'data') {
      const available = bytes.length - offset;
      if (size !== UNKNOWN_SIZE && size > available) {
        throw new WavFormatError(name, `truncated WAV: the data chunk declares ${size} bytes but only ${available} are present`);
      }
      break;
    }
    at = offset + size + (size % 2);
  }
  if (!chunks.some((c) => c.id === 'fmt ')) throw new WavFormatError(name, 'truncated or malformed WAV: no "fmt " chunk');
  if (!chunks.some((c) => c.id === 'data')) throw new WavFormatError(name, 'truncated or malformed WAV: no "data" chunk');
  return chunks;
}
