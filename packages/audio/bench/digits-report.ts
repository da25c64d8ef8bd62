import type { DigitsBenchmarkReport } from '../src/index.js';

const pct = (x: number): string => (100 * x).toFixed(1);

/**
 * Markdown of the spoken-digit benchmark: per task, one row per method (MFCC probe, pre-trained
 * probes, supervised-only encoders) with mean ± std per label fraction, the margin of each
 * pre-trained method over the best baseline (MFCC or supervised-only) at each fraction, what the
 * pre-training did, and the environment.
 */
export function digitsMarkdown(result: { environment: Record<string, unknown> } & DigitsBenchmarkReport): string {
  const fractions = [...new Set(result.summary.map((s) => s.fraction))].sort((a, b) => a - b);
  const cell = (protocol: string, fraction: number) => result.summary.find((s) => s.protocol === protocol && s.fraction === fraction);
  const lines = [
    '# Spoken-digit label efficiency (@pretext/audio)',
    '',
    'Test accuracy (%), mean ± std over seeds (each seed draws its own stratified labeled subset). Digit: speakers held out of training; speaker: held-out takes of the training speakers. Pre-trained encoders are frozen and linearly probed.',
    '',
  ];
  for (const task of ['digit', 'speaker']) {
    const protocols = [...new Set(result.summary.map((s) => s.protocol).filter((p) => p.startsWith(`${task}/`)))];
    if (protocols.length === 0) continue;
    const baselines = protocols.filter((p) => p.endsWith('/mfcc') || p.endsWith('-supervised'));
    lines.push(`## ${task === 'digit' ? 'Digit recognition (held-out speakers)' : 'Speaker identification (held-out takes)'}`, '');
    lines.push(`| method | ${fractions.map((f) => `${pct(f)}% labels`).join(' | ')} | ${fractions.map((f) => `margin over best baseline @ ${pct(f)}%`).join(' | ')} |`);
    lines.push(`|---|${fractions.map(() => '---:').join('|')}|${fractions.map(() => '---:').join('|')}|`);
    for (const p of protocols) {
      const cells = fractions.map((f) => {
        const c = cell(p, f);
        return c ? `${pct(c.mean)} ± ${pct(c.std)} (n=${c.runs})` : '';
      });
      const margins = fractions.map((f) => {
        if (baselines.includes(p)) return '';
        const best = Math.max(...baselines.map((b) => cell(b, f)?.mean ?? -Infinity));
        const c = cell(p, f);
        return c && Number.isFinite(best) ? `${c.mean >= best ? '+' : ''}${pct(c.mean - best)}` : '';
      });
      lines.push(`| ${p.slice(task.length + 1)} | ${cells.join(' | ')} | ${margins.join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('## Pre-training', '', '| method | steps | s/step | minutes | final loss | stopped |', '|---|---:|---:|---:|---:|---|');
  for (const r of result.pretraining) {
    lines.push(`| ${r.method} | ${r.steps} / ${r.plannedSteps} | ${r.secondsPerStep.toFixed(2)} | ${(r.seconds / 60).toFixed(1)} | ${r.finalLoss.toFixed(4)} | ${r.stopReason} |`);
  }
  lines.push('', '## Environment', '', '```json', JSON.stringify(result.environment, null, 2), '```', '');
  return lines.join('\n');
}
