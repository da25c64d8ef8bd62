import { execFileSync } from 'node:child_process';
import type { BackendReport } from '@pretext/core';
import { captureEnvironment, type Environment } from '../environment.js';

/** The throughput harness's environment plus the backend a suite ran on, GPUs and package versions. */
export interface SuiteEnvironment extends Environment {
  /** The backend the suite ran on. */
  readonly backend: string;
  /** GPUs `nvidia-smi` lists (empty where there is none or no driver). */
  readonly gpus: readonly string[];
  readonly seeds: readonly number[];
}

/** Captures where a suite ran: machine, versions, git commit, backend, GPUs, seeds. */
export function captureSuiteEnvironment(report: BackendReport, seeds: readonly number[]): SuiteEnvironment {
  return { ...captureEnvironment({ [report.backend]: report }), backend: report.backend, gpus: listGpus(), seeds };
}

/** `nvidia-smi`'s GPU names and memory, or none. */
export function listGpus(): string[] {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name,memory.total', '--format=csv,noheader'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
    return out.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  } catch {
    return [];
  }
}
