import { labelEfficiencyTable, type LabelEfficiencySummaryRow } from '@pretext/core';

/** One encoder's evaluation in the MNIST label-efficiency benchmark. */
export interface EncoderResult {
  /** `simclr`, `byol`, `mae`, `supervised (resnet)`, `random init (vit)`, … */
  readonly name: string;
  readonly encoder: string;
  readonly pretraining?: { readonly steps: number; readonly plannedSteps: number; readonly seconds: number; readonly finalLoss: number; readonly stopReason: string };
  readonly summary: readonly LabelEfficiencySummaryRow[];
}

/** The benchmark's Markdown report: the label-efficiency table, the pre-training runs and the environment. */
export function markdownReport(title: string, environment: Record<string, unknown>, results: readonly EncoderResult[]): string {
  const lines = [
    `# ${title}`,
    '',
    'Test accuracy (%) on the 2,000 held-out digits, mean ± std over seeds; each seed draws its own stratified labeled subset.',
    '',
    labelEfficiencyTable(results.map((r) => ({ name: `${r.name} (${r.encoder})`, summary: r.summary }))),
  ];
  lines.push('', '## Pre-training', '', '| objective | steps | minutes | final loss | stopped |', '|---|---:|---:|---:|---|');
  for (const r of results) {
    if (!r.pretraining) continue;
    const p = r.pretraining;
    lines.push(`| ${r.name} | ${p.steps} / ${p.plannedSteps} | ${(p.seconds / 60).toFixed(1)} | ${p.finalLoss.toFixed(4)} | ${p.stopReason} |`);
  }
  lines.push('', '## Environment', '', '```json', JSON.stringify(environment, null, 2), '```', '');
  return lines.join('\n');
}
