import { baselineOf, gainOverSupervised, protocolsOf, summaryAt } from './accuracy-lookup.js';
import { methodLabel, type SuiteResult } from './suite-result.js';

const pct = (v: number): string => (100 * v).toFixed(1);
const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)}`;

/** `1 %`, `5 %`, `100 %`. */
export function fractionLabel(f: number): string {
  return `${+(100 * f).toFixed(2)} %`;
}

/**
 * Two Markdown tables: accuracy `mean ± std` per method × protocol (rows) and label fraction
 * (columns), then the gain of each pre-trained method's protocol over the supervised-only
 * baseline of the same encoder.
 */
export function accuracyTableLines(r: SuiteResult): string[] {
  const fractions = r.config.evaluation.fractions;
  const head = (first: string): string[] => [`| ${first} | protocol | ${fractions.map(fractionLabel).join(' | ')} |`, `|---|---|${fractions.map(() => '---:').join('|')}|`];
  const lines = ['## Accuracy', '', ...head('method')];
  for (const m of r.methods) {
    for (const protocol of protocolsOf(m)) {
      const cells = fractions.map((f) => {
        const s = summaryAt(m, protocol, f);
        return s ? `${pct(s.mean)} ± ${pct(s.std)}` : '—';
      });
      lines.push(`| ${methodLabel(m)} | ${protocol} | ${cells.join(' | ')} |`);
    }
  }
  const pretrained = r.methods.filter((m) => m.kind === 'pretrained');
  lines.push('', '## Gain over supervised-only (percentage points)', '');
  if (pretrained.every((m) => !baselineOf(r.methods, m.encoder))) {
    lines.push('No supervised-only baseline in this result (run `--objectives supervised` and merge).');
    return lines;
  }
  lines.push(...head('method'));
  for (const m of pretrained) {
    for (const protocol of protocolsOf(m)) {
      const cells = fractions.map((f) => {
        const g = gainOverSupervised(r.methods, m, protocol, f);
        return g === undefined ? '—' : signed(g);
      });
      lines.push(`| ${methodLabel(m)} | ${protocol} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}
