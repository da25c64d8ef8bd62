import type { CompletedRun, RunRecord, ThroughputReport } from './result-types.js';
import { formatTargetLine } from './targets.js';

const MB = 1024 * 1024;

/** Header of the results table (also what tests look for). */
export const TABLE_HEADER = [
  'backend', 'model', 'batch', 'samples/s', 'ms/step mean', 'median', 'p75', 'p99', 'min', 'max', '±rme',
  'n', 'tensor MB max', 'in-step peak MB', 'RSS MB max', 'wasm heap MB', 'tensors Δ', 'loss first → last',
] as const;

/**
 * Renders a report as Markdown: a summary of the settings and machine, one table row per measured
 * backend × model, the skipped and failed ones with their reasons, and the target verdicts.
 */
export function renderMarkdown(r: ThroughputReport): string {
  const e = r.environment;
  const s = r.settings;
  const commit = e.git.commit ? `${e.git.commit.slice(0, 10)}${e.git.dirty ? ' (dirty)' : ''}` : 'unknown';
  const lines = [
    `# Training throughput — ${r.startedAt}`,
    '',
    `- backends: ${r.backendSet}; models: ${s.models.join(', ')}`,
    `- steps: ${s.steps} measured after ${s.warmupSteps} warm-up${s.minTimeMs > 0 ? ` (at least ${s.minTimeMs / 1000} s)` : ''}; ` +
      `cpu: ${s.cpuSteps} step(s), no warm-up` +
      `${s.batch === undefined ? '' : `; batch ${s.batch}`}${s.seqLength === undefined ? '' : `; seq ${s.seqLength}`}`,
    `- machine: ${e.cpuModel}, ${e.cpuCores} cores, ${(e.totalMemoryBytes / 1024 ** 3).toFixed(1)} GiB, load ${e.loadAverage.join(' / ')}`,
    `- software: Node ${e.node}, tfjs ${e.versions.tfjs ?? '?'}, tinybench ${e.versions.tinybench ?? '?'}, commit ${commit}`,
    '',
    `| ${TABLE_HEADER.join(' | ')} |`,
    `|${TABLE_HEADER.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...r.runs.filter((x): x is CompletedRun => x.status === 'ok').map(row),
  ];
  const notRun = r.runs.filter((x) => x.status !== 'ok');
  if (notRun.length) {
    lines.push('', 'Not measured:', ...groupReasons(notRun).map((g) => `- ${g}`));
  }
  const models = r.runs.filter((x): x is CompletedRun => x.status === 'ok');
  if (models.length) {
    lines.push('', 'Models:', ...[...new Map(models.map((m) => [m.model, m.description])).values()].map((d) => `- ${d}`));
  }
  const wasm = models.find((m) => m.backend === 'wasm');
  if (wasm) {
    const d = wasm.backendReport.details;
    lines.push('', `wasm: threads ${String(d.threads ?? '?')}, training kernels ${Array.isArray(d.trainingKernels) ? d.trainingKernels.length : '?'}`);
  }
  lines.push('', formatTargetLine(r.targets), '');
  return lines.join('\n');
}

function row(x: CompletedRun): string {
  const t = x.timing;
  const ms = (v: number): string => v.toFixed(1);
  const mb = (v: number | null): string => (v === null ? '—' : (v / MB).toFixed(1));
  const leak = `${x.tensors.delta}${x.tensors.flat === false ? ' (not flat)' : ''}`;
  const loss = `${x.loss.first.toFixed(3)} → ${x.loss.last.toFixed(3)}${x.loss.fell === false ? ' (did not fall)' : ''}`;
  const cells = [
    x.backend, x.model, String(x.batch), x.samplesPerSec.toFixed(1), ms(t.meanMs), ms(t.medianMs), ms(t.p75Ms),
    ms(t.p99Ms), ms(t.minMs), ms(t.maxMs), t.rmePercent === null ? '—' : `${t.rmePercent.toFixed(1)}%`, String(t.samples),
    mb(x.memory.tensorBytesMax), mb(x.memory.tensorBytesPeakInStep), mb(x.memory.rssMaxBytes),
    mb(x.memory.wasmHeapMaxBytes), leak, loss,
  ];
  return `| ${cells.join(' | ')} |`;
}

/** `backend (model, model): status — reason`, one entry per backend and reason. */
function groupReasons(runs: readonly Exclude<RunRecord, CompletedRun>[]): string[] {
  const groups = new Map<string, { head: string; models: string[] }>();
  for (const x of runs) {
    const key = `${x.backend}\u0000${x.status}\u0000${x.reason}`;
    const g = groups.get(key) ?? { head: `${x.status}: ${x.reason}`, models: [] };
    g.models.push(x.model);
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => `${key.split('\u0000')[0]} (${g.models.join(', ')}) ${g.head}`);
}
