import type { LabelEfficiencySummaryRow } from './label-efficiency-summary.js';

/** One method's label-efficiency summary (a pre-trained objective or a baseline), as a table shows it. */
export interface MethodSummary {
  /** What was evaluated, e.g. `simclr (resnet)`, `supervised only (resnet)`, `tf-idf + logistic regression`. */
  readonly name: string;
  readonly summary: readonly LabelEfficiencySummaryRow[];
}

const pct = (v: number): string => (100 * v).toFixed(1);

/**
 * A Markdown table of test accuracy (%) with one row per (method, protocol) and one column per
 * label fraction: `mean ± std (n=runs)`. With `baseline` (a method name and protocol), each cell
 * also shows its gain over that baseline at the same fraction in points, e.g. `+12.3`.
 */
export function labelEfficiencyTable(methods: readonly MethodSummary[], baseline?: { readonly name: string; readonly protocol: string }): string {
  const fractions = [...new Set(methods.flatMap((m) => m.summary.map((s) => s.fraction)))].sort((a, b) => a - b);
  const base = baseline && methods.find((m) => m.name === baseline.name);
  const baseAt = (f: number): number | undefined => base?.summary.find((s) => s.protocol === baseline!.protocol && s.fraction === f)?.mean;
  const lines = [
    `| method | protocol | ${fractions.map((f) => `${+(f * 100).toFixed(2)}% labels`).join(' | ')} |`,
    `|---|---|${fractions.map(() => '---:').join('|')}|`,
  ];
  for (const m of methods) {
    for (const protocol of [...new Set(m.summary.map((s) => s.protocol))]) {
      const cells = fractions.map((f) => {
        const s = m.summary.find((x) => x.protocol === protocol && x.fraction === f);
        if (!s) return '';
        const b = baseAt(f);
        const gain = b === undefined || (m === base && protocol === baseline!.protocol) ? '' : ` (${s.mean >= b ? '+' : ''}${pct(s.mean - b)})`;
        return `${pct(s.mean)} ± ${pct(s.std)}${gain} (n=${s.runs})`;
      });
      lines.push(`| ${m.name} | ${protocol} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
