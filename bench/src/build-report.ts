import type { BackendName, BackendReport } from '@pretext/core';
import { captureEnvironment, type Environment } from './environment.js';
import type { RunRecord, ThroughputReport, ThroughputSettings } from './result-types.js';
import { checkTargets } from './targets.js';

/** Inputs of {@link buildReport}. */
export interface BuildReportInput {
  /** When the benchmark started (default: now). */
  readonly startedAt?: Date;
  readonly settings: ThroughputSettings;
  readonly runs: readonly RunRecord[];
  /** The environment (default: captured now, with the reports of the backends that loaded). */
  readonly environment?: Environment;
}

/** Assembles the result file: settings, environment, every run and the target verdicts. */
export function buildReport(input: BuildReportInput): ThroughputReport {
  const reports: Partial<Record<BackendName, BackendReport>> = {};
  for (const r of input.runs) if (r.status !== 'skipped' && r.backendReport) reports[r.backend] = r.backendReport;
  return {
    schema: 'pretext-bench-throughput/1',
    startedAt: (input.startedAt ?? new Date()).toISOString(),
    backendSet: input.settings.backends.join('+'),
    settings: input.settings,
    environment: input.environment ?? captureEnvironment(reports),
    runs: input.runs,
    targets: checkTargets(input.runs),
  };
}
