import { execFile } from 'node:child_process';

/** How to install each external program the corpus builder runs. */
const INSTALL_HINTS: Record<string, string> = {
  'espeak-ng': 'install it with `apt-get install -y espeak-ng` (Debian/Ubuntu), `brew install espeak-ng` (macOS) or `dnf install espeak-ng` (Fedora)',
  sox: 'install it with `apt-get install -y sox` (Debian/Ubuntu), `brew install sox` (macOS) or `dnf install sox` (Fedora)',
};

/**
 * Runs an external program and resolves with its stdout. A program missing from PATH fails with an
 * error that says how to install it; a failing one with its exit code and stderr.
 */
export function runTool(program: string, args: readonly string[], where: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(program, [...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) {
        resolvePromise(stdout);
        return;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${where}: '${program}' was not found on PATH; ${INSTALL_HINTS[program] ?? `install ${program}`}`));
        return;
      }
      reject(new Error(`${where}: ${program} ${args.join(' ')} failed (${error.message.trim()})${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  });
}

/** Runs `task` over `items` with at most `limit` in flight; resolves when all are done, rejects on the first error. */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
