import { initBackend, type BackendName, type BackendReport } from '@pretext/core';
import { measureTraining } from './measure-training.js';
import type { CompletedRun, FailedRun, RunRecord } from './result-types.js';
import { createWorkload, type WorkloadOptionsByModel } from './workloads/create-workload.js';
import type { ModelName, TrainingWorkload } from './workloads/training-workload.js';

/** Options of {@link runModelOnActiveBackend}. */
export interface ModelRunOptions {
  readonly steps: number;
  readonly warmupSteps: number;
  /** Keep measuring until this many milliseconds of steps have run (default 0). */
  readonly minTimeMs?: number;
  /** Batch and shape overrides per model. */
  readonly workload?: WorkloadOptionsByModel;
  readonly log?: (line: string) => void;
}

/**
 * Builds the model's workload on the backend `report` describes (already active), measures it and
 * disposes it. Training errors become a `failed` record rather than a throw.
 */
export async function runModelOnActiveBackend(report: BackendReport, model: ModelName, opts: ModelRunOptions): Promise<CompletedRun | FailedRun> {
  const log = opts.log ?? ((): void => undefined);
  let workload: TrainingWorkload | undefined;
  try {
    workload = createWorkload(model, opts.workload);
    log(`${report.backend}: ${workload.description}`);
    const m = await measureTraining(workload, {
      steps: opts.steps,
      warmupSteps: opts.warmupSteps,
      minTimeMs: opts.minTimeMs ?? 0,
      profilePeak: peakProfilePolicy(report.backend),
      log,
    });
    return { status: 'ok', backend: report.backend, backendReport: report, ...m };
  } catch (e) {
    return { status: 'failed', backend: report.backend, model, reason: errorLine(e), backendReport: report };
  } finally {
    workload?.dispose();
  }
}

/**
 * Activates exactly `backend` (`initBackend({ prefer: backend, strict: true })`) and runs the model
 * on it; a backend that does not load gives a `skipped` record with the init's reason. Call it in a
 * fresh process: tfjs keeps one engine per process.
 */
export async function runModelOnBackend(
  backend: BackendName,
  model: ModelName,
  opts: ModelRunOptions & { readonly wasmThreads?: number },
): Promise<RunRecord> {
  let report: BackendReport;
  try {
    report = await initBackend({
      prefer: backend,
      strict: true,
      ...(opts.wasmThreads === undefined ? {} : { wasmThreads: opts.wasmThreads }),
      // Only the thread count is read from the environment: PRETEXT_BACKEND must not redirect a run.
      env: { PRETEXT_WASM_THREADS: process.env.PRETEXT_WASM_THREADS },
    });
  } catch (e) {
    return { status: 'skipped', backend, model, reason: initFailureReason(backend, e) };
  }
  return runModelOnActiveBackend(report, model, opts);
}

/**
 * The reason `initBackend` gave for `backend`: its message lists `  name: reason` per backend;
 * falls back to the first line.
 */
export function initFailureReason(backend: BackendName, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const prefix = `${backend}: `;
  const line = msg.split('\n').map((l) => l.trim()).find((l) => l.startsWith(prefix));
  return line ? line.slice(prefix.length) : errorLine(e);
}

/** Whether to profile one extra step for the in-step memory peak, or why not. */
function peakProfilePolicy(backend: BackendName): true | string {
  if (backend === 'cpu') return 'not measured on cpu: one more step would take minutes';
  if (backend === 'webgpu') return 'not measured on webgpu: tf.profile reads every kernel output synchronously, which webgpu cannot do in Node';
  return true;
}

function errorLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n').find((l) => l.trim().length > 0)?.trim() ?? 'unknown error';
}
