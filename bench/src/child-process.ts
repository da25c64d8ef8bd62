import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendName } from '@pretext/core';
import { childArgs, type ThroughputCliOptions } from './cli-options.js';
import type { RunRecord } from './result-types.js';
import { runModelOnBackend } from './run-model.js';
import type { ModelName } from './workloads/training-workload.js';

/** The benchmark entry script, as this module was loaded (`.ts` under tsx, `.js` when built). */
const ENTRY = fileURLToPath(new URL(`./throughput${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** Lines of a child's output kept to explain a crash. */
const TAIL_LINES = 20;

/**
 * Runs one backend × model in a fresh Node process (one tfjs engine per process) with this
 * process's loader flags (`tsx`, `--conditions=development`), forwarding its output to stderr,
 * and returns the record it wrote. A child that dies without writing one gives a `failed` record.
 */
export async function runInChildProcess(o: ThroughputCliOptions, backend: BackendName, model: ModelName): Promise<RunRecord> {
  const dir = mkdtempSync(join(tmpdir(), 'pretext-throughput-'));
  const resultFile = join(dir, 'result.json');
  try {
    const tail: string[] = [];
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, ENTRY, ...childArgs(o, backend, model, resultFile)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      });
      const forward = (chunk: Buffer): void => {
        process.stderr.write(chunk);
        tail.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim().length > 0));
        tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
      };
      child.stdout.on('data', forward);
      child.stderr.on('data', forward);
      child.on('error', reject);
      child.on('close', (c, s) => resolve({ code: c, signal: s }));
    });
    try {
      return JSON.parse(readFileSync(resultFile, 'utf8')) as RunRecord;
    } catch {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const last = crashLine(tail);
      return { status: 'failed', backend, model, reason: `child process ${how} without a result${last ? `: ${last}` : ''}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The most telling line of a crashed child's output: the last error line that is not a stack frame. */
function crashLine(tail: readonly string[]): string | undefined {
  const lines = tail.map((l) => l.trim()).filter((l) => !l.startsWith('at ') && !/^Node\.js v\d/.test(l));
  return [...lines].reverse().find((l) => /error/i.test(l)) ?? lines.at(-1);
}

/**
 * The child side: runs the backend × model named by `--child-backend`/`--child-model` in this
 * process and writes its record to `--result-file`.
 */
export async function childMain(o: ThroughputCliOptions): Promise<void> {
  if (!o.child) throw new Error('childMain: --child options are missing');
  const { backend, model, resultFile } = o.child;
  const record = await runModelOnBackend(backend, model, {
    steps: o.steps,
    warmupSteps: o.warmupSteps,
    minTimeMs: o.minTimeMs,
    workload: {
      cnn: { ...(o.batch === undefined ? {} : { batch: o.batch }) },
      transformer: {
        ...(o.batch === undefined ? {} : { batch: o.batch }),
        ...(o.seqLength === undefined ? {} : { model: { seqLength: o.seqLength } }),
      },
      objective: { ...(o.batch === undefined ? {} : { batch: o.batch }) },
    },
    ...(o.wasmThreads === undefined ? {} : { wasmThreads: o.wasmThreads }),
    log: (line) => process.stderr.write(`[${backend}/${model}] ${line}\n`),
  });
  writeFileSync(resultFile, JSON.stringify(record));
}
