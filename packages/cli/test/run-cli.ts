import { vi } from 'vitest';
import { oneLine } from '../src/cli-error.js';
import { buildProgram } from '../src/program.js';

/** What one in-process `pretext …` call printed and its exit code. */
export interface CliResult {
  readonly out: string;
  readonly err: string;
  readonly code: number;
}

/** Runs `pretext …args` in-process, as bin.ts does: an error becomes one line on stderr and exit code 1. */
export async function runCli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  process.exitCode = 0;
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'pretext', ...args]);
  } catch (x) {
    err += `pretext: ${oneLine(x)}\n`;
    process.exitCode ||= 1;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}
