import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { CheckpointError } from './checkpoint-error.js';

/** The file in a checkpoint directory that names the newest checkpoint. */
export const LATEST_POINTER = 'latest';

const CHECKPOINT_FILE = /^ckpt-(\d+)\.ckpt$/;

/** The file name of the checkpoint after `step` steps: `ckpt-00000120.ckpt`. */
export function checkpointFileName(step: number): string {
  return `ckpt-${String(step).padStart(8, '0')}.ckpt`;
}

/** Creates `outDir` (and its parents) if missing. */
export async function ensureCheckpointDir(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
}

/**
 * Points `latest` at `file` (atomically), then deletes the oldest checkpoints of the directory
 * beyond the newest `keepLast` (by step; `file` itself is always kept).
 */
export async function commitCheckpoint(file: string, keepLast: number): Promise<void> {
  const dir = dirname(file);
  await writeFileAtomic(join(dir, LATEST_POINTER), `${basename(file)}\n`);
  const steps = (await readdir(dir))
    .map((name) => ({ name, m: CHECKPOINT_FILE.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null && e.name !== basename(file))
    .map((e) => ({ name: e.name, step: Number(e.m[1]) }))
    .sort((a, b) => b.step - a.step);
  for (const old of steps.slice(Math.max(0, keepLast - 1))) {
    await unlink(join(dir, old.name)).catch(() => undefined);
  }
}

/**
 * The checkpoint file `resume` designates: a checkpoint file itself, or a directory whose
 * `latest` pointer names one. `undefined` for a directory without any checkpoint.
 * @throws CheckpointError when the path does not exist or `latest` names a missing file.
 */
export async function resolveCheckpoint(path: string): Promise<string | undefined> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    throw new CheckpointError(path, 'no such file or directory', { cause: e });
  }
  if (!isDir) return path;
  let pointer: string;
  try {
    pointer = (await readFile(join(path, LATEST_POINTER), 'utf8')).trim();
  } catch {
    return undefined;
  }
  if (!CHECKPOINT_FILE.test(pointer)) {
    throw new CheckpointError(join(path, LATEST_POINTER), `it should name a checkpoint file, it holds '${pointer.slice(0, 80)}'`);
  }
  const file = join(path, pointer);
  try {
    await stat(file);
  } catch (e) {
    throw new CheckpointError(file, `'${join(path, LATEST_POINTER)}' points to it but it does not exist`, { cause: e });
  }
  return file;
}
