import type { LabelEfficiencySummaryRow } from '@pretext/core';

/** One encoder's evaluation in the MNIST label-efficiency benchmark. */
export interface EncoderResult {
  /** `simclr`, `byol`, `mae`, `supervised (resnet)`, `random init (vit)`, … */
  readonly name: string;
  readonly encoder: string;
  readonly pretraining?: { readonly steps: number; readonly plannedSteps: number; readonly seconds: number; readonly finalLoss: number; readonly stopReason: string };
  readonly summary: readonly LabelEfficiencySummaryRow[];
}

const pct = (v: number): string => (100 * v).toFixed(1);

/** The benchmark's Markdown report: one row per (encoder, protocol), one column per label fraction. */
export function markdownReport(title: string, environment: Record<string, unknown>, results: readonly EncoderResult[]): string {
  const fractions = [...new Set(results.flatMap((r) => r.summary.map((s) => s.fraction)))].sort((a, b) => a - b);
  const lines = [
    `# ${title}`,
    '',
    'Test accuracy (%) on the 2,000 held-out digits, mean ± std over seeds; each seed draws its own stratified labeled subset.',
    '',
    `| encoder | protocol | ${fractions.map((f) => `${f * 100}% labels`).join(' | ')} |`,
    `|---|---|${fractions.map(() => '---:').join('|')}|`,
  ];
  for (const r of results) {
    for (const protocol of [...new Set(r.summary.map((s) => s.protocol))]) {
      const cells = fractions.map((f) => {
        const s = r.summary.find((x) => x.protocol === protocol && x.fraction === f);
        return s ? `${pct(s.mean)} ± ${pct(s.std)} (n=${s.runs})` : '';
      });
      lines.push(`| ${r.name} (${r.encoder}) | ${protocol} | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', '## Pre-training', '', '| objective | steps | minutes | final loss | stopped |', '|---|---:|---:|---:|---|');
  for (const r of results) {
    if (!r.pretraining) continue;
    const p = r.pretraining;
    lines.push(`| ${r.name} | ${p.steps} / ${p.plannedSteps} | ${(p.seconds / 60).toFixed(1)} | ${p.finalLoss.toFixed(4)} | ${p.stopReason} |`);
  }
  lines.push('', '## Environment', '', '```json', JSON.stringify(environment, null, 2), '```', '');
  return lines.join('\n');
}
