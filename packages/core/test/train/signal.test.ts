import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpointMeta, resolveCheckpoint } from '../../src/train/index.js';
import { useTestBackend } from '../helpers/backend.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '../../../..');
const script = join(here, 'fixtures', 'train-until-signal.ts');

let root: string;
beforeAll(async () => {
  await useTestBackend();
  root = await mkdtemp(join(tmpdir(), 'pretext-signal-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Starts a training child (TypeScript through tsx), signals it once it has done 5 steps. */
function trainAndSignal(outDir: string, signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    // tsx as a loader rather than the tsx CLI: the CLI's process relays signals to its child and
    // SIGKILLs it when the child does not acknowledge within 30 ms (busy in a training step).
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=development', script, outDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('ready\n') && !child.killed) child.kill(signal);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('signals', () => {
  it('SIGINT and SIGTERM finish the step, write a checkpoint, and exit with 130 and 143', async () => {
    const cases = [
      { signal: 'SIGINT' as const, code: 130 },
      { signal: 'SIGTERM' as const, code: 143 },
    ];
    const results = await Promise.all(cases.map((c) => trainAndSignal(join(root, c.signal), c.signal)));
    for (const [i, { signal, code }] of cases.entries()) {
      const r = results[i]!;
      expect(r.code, r.stderr.slice(-2000)).toBe(code);
      expect(r.stdout).not.toContain('fit returned');
      const events = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(events.find((e) => e.event === 'signal')).toMatchObject({ signal });
      const end = events.find((e) => e.event === 'train_end');
      expect(end).toMatchObject({ stopReason: 'signal', reason: signal });
      const file = await resolveCheckpoint(join(root, signal));
      expect(events.find((e) => e.event === 'checkpoint')).toMatchObject({ file, step: end!.step });
      const meta = await readCheckpointMeta(file!);
      expect(meta.progress.step).toBe(end!.step);
      expect(meta.progress.step).toBeGreaterThanOrEqual(5);
    }
  });
});
