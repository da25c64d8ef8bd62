import { accuracyTableLines } from './accuracy-table.js';
import { methodLabel, type SuiteResult } from './suite-result.js';

/**
 * The suite's Markdown report: accuracy (mean ± std over seeds) per method × protocol at each label
 * fraction, the gain over the supervised-only baseline of the same encoder, the pre-training runs,
 * and the environment of every part (backend, versions, CPU, GPU, commit, wall time).
 */
export function renderSuiteMarkdown(r: SuiteResult, chartFile?: string): string {
  const e = r.config.evaluation;
  const lines = [
    `# ${r.suite} ${r.version}${r.variant === 'quick' ? ' — QUICK (smoke run, not a result)' : ''}`,
    '',
    r.config.description,
    '',
    `Test accuracy (%), mean ± std over seeds ${e.seeds.join(', ')}; each seed draws its own stratified, nested labeled subsets. ` +
      `Protocols: ${e.protocols.join(', ')} on the pre-trained encoder; \`supervised\` trains the same encoder from scratch on the same labels. ` +
      `Gain: percentage points over that baseline.`,
    '',
    ...accuracyTableLines(r),
  ];
  if (chartFile) lines.push('', `![accuracy vs label fraction](${chartFile})`);
  const pre = r.methods.filter((m) => m.pretraining);
  if (pre.length > 0) {
    lines.push('', '## Pre-training', '', '| objective | encoder | steps / planned | minutes (budget) | s/step | final loss | stopped | extra |', '|---|---|---:|---:|---:|---:|---|---|');
    for (const m of pre) {
      const p = m.pretraining!;
      const extra = p.extra ? Object.entries(p.extra).map(([k, v]) => `${k} ${typeof v === 'number' ? +v.toFixed(4) : v}`).join(', ') : '';
      lines.push(`| ${m.method} | ${m.encoder} | ${p.steps} / ${p.plannedSteps} | ${(p.seconds / 60).toFixed(1)} (${+p.minutes.toFixed(2)}) | ${p.secondsPerStep.toFixed(3)} | ${p.finalLoss.toFixed(4)} | ${p.stopReason} | ${extra} |`);
    }
  }
  lines.push('', '## Evaluation time', '', ...r.methods.map((m) => `- ${methodLabel(m)}: ${(m.evaluationSeconds / 60).toFixed(1)} min`));
  lines.push('', '## Environment', '');
  for (const part of r.parts) {
    const env = part.environment;
    const commit = env.git.commit ? `${env.git.commit.slice(0, 10)}${env.git.dirty ? ' (dirty)' : ''}` : 'unknown';
    lines.push(
      `- ${part.methods.join(', ')}${part.file ? ` (${part.file})` : ''}: started ${part.startedAt}, wall ${(part.wallSeconds / 60).toFixed(1)} min; ` +
        `backend ${env.backend}; ${env.cpuModel}, ${env.cpuCores} cores; GPU ${env.gpus.length ? env.gpus.join('; ') : 'none'}; ` +
        `Node ${env.node}, tfjs ${env.versions.tfjs ?? '?'}; commit ${commit}; load ${env.loadAverage.join(' / ')}`,
    );
  }
  lines.push('', `Data: ${Object.entries(r.facts).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  return lines.join('\n');
}
