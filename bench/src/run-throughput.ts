import { runInChildProcess } from './child-process.js';
import type { ThroughputCliOptions } from './cli-options.js';
import { buildReport } from './build-report.js';
import type { RunRecord, ThroughputReport, ThroughputSettings } from './result-types.js';

/**
 * Runs every requested backend × model, each in its own child process, in order. Once a
 * backend fails to load, its remaining models are skipped with the same reason without
 * starting another process.
 */
export async function runThroughput(o: ThroughputCliOptions, log: (line: string) => void = () => undefined): Promise<ThroughputReport> {
  const startedAt = new Date();
  const runs: RunRecord[] = [];
  for (const backend of o.backends) {
    let skipReason: string | undefined;
    for (const model of o.models) {
      if (skipReason !== undefined) {
        runs.push({ status: 'skipped', backend, model, reason: skipReason });
        continue;
      }
      log(`— ${backend} / ${model}`);
      const record = await runInChildProcess(o, backend, model);
      if (record.status === 'skipped') skipReason = record.reason;
      log(`— ${backend} / ${model}: ${summary(record)}`);
      runs.push(record);
    }
  }
  return buildReport({ startedAt, settings: settingsOf(o), runs });
}

/** The settings recorded in the result file. */
export function settingsOf(o: ThroughputCliOptions): ThroughputSettings {
  return {
    backends: o.backends,
    models: o.models,
    steps: o.steps,
    warmupSteps: o.warmupSteps,
    minTimeMs: o.minTimeMs,
    cpuSteps: o.cpuSteps,
    ...(o.batch === undefined ? {} : { batch: o.batch }),
    ...(o.seqLength === undefined ? {} : { seqLength: o.seqLength }),
    ...(o.wasmThreads === undefined ? {} : { wasmThreads: o.wasmThreads }),
  };
}

function summary(r: RunRecord): string {
  if (r.status !== 'ok') return `${r.status}: ${r.reason}`;
  return `${r.samplesPerSec.toFixed(1)} ${r.unit}/s (${r.timing.meanMs.toFixed(0)} ms/step, n=${r.timing.samples})`;
}
