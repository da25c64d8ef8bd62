import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What {@link writeFileAtomic} writes: bytes, text (UTF-8), or a stream of byte chunks. */
export type AtomicWriteData = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Writes `file` atomically: the bytes go to `${file}.tmp-<pid>-<random>` in the same directory,
 * which is fsynced, renamed over `file`, and the directory is fsynced so that the rename itself
 * survives a power loss. A reader (or a process killed mid-write by Ctrl-C or a crash) therefore
 * sees either the old file or the complete new one, never a torn mix.
 *
 * If anything fails (including a chunk source that throws midway), the temporary file is removed
 * and the previous `file`, if any, is left untouched. The directory must already exist.
 *
 * @param file Target path.
 * @param data Bytes, a string (written as UTF-8), or a (possibly async) iterable of byte chunks,
 *   which lets large payloads be produced one piece at a time.
 */
export async function writeFileAtomic(file: string, data: AtomicWriteData): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const handle = await open(tmp, 'wx');
  let renamed = false;
  try {
    try {
      for await (const chunk of chunksOf(data)) {
        let done = 0;
        while (done < chunk.byteLength) {
          const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done);
          done += bytesWritten;
        }
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    renamed = true;
    await syncDirectory(dirname(file));
  } finally {
    if (!renamed) await unlink(tmp).catch(() => undefined);
  }
}

async function* chunksOf(data: AtomicWriteData): AsyncIterable<Uint8Array> {
  if (typeof data === 'string') {
    yield Buffer.from(data, 'utf8');
  } else if (data instanceof Uint8Array) {
    yield data;
  } else {
    yield* data;
  }
}

/**
 * fsyncs a directory so that a rename inside it is durable. Platforms that cannot open a
 * directory for syncing (Windows: EISDIR/EPERM) are skipped: there the rename is already durable.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (e) {
    if (isCode(e, 'EISDIR', 'EPERM', 'EACCES')) return;
    throw e;
  }
  try {
    await handle.sync();
  } catch (e) {
    if (!isCode(e, 'EINVAL', 'EPERM', 'EISDIR', 'ENOTSUP')) throw e;
  } finally {
    await handle.close();
  }
}

function isCode(e: unknown, ...codes: string[]): boolean {
  return typeof e === 'object' && e !== null && codes.includes((e as { code?: unknown }).code as string);
}
