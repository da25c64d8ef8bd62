/** One run of a label-efficiency study: one protocol, label fraction and seed. */
export interface LabelEfficiencyRow {
  /** Protocol name, e.g. `'knn'`, `'linear-probe'`, `'fine-tune'`, `'supervised'`. */
  readonly protocol: string;
  /** Fraction of the labeled train set used. */
  readonly fraction: number;
  /** Seed of the subset, split and training. */
  readonly seed: number;
  /** Top-1 test accuracy. */
  readonly accuracy: number;
  /** Number of labeled examples used. */
  readonly labeled: number;
}

/** Mean ± std of one protocol at one fraction over seeds. */
export interface LabelEfficiencySummaryRow {
  readonly protocol: string;
  readonly fraction: number;
  /** Mean accuracy over the seeds. */
  readonly mean: number;
  /** Sample standard deviation (n − 1) over the seeds; 0 for a single seed. */
  readonly std: number;
  /** Number of seeds aggregated. */
  readonly runs: number;
}

/**
 * Aggregates label-efficiency rows by (protocol, fraction), in order of first appearance, into
 * mean ± sample std of the accuracy over seeds.
 */
export function summarizeLabelEfficiency(rows: readonly LabelEfficiencyRow[]): LabelEfficiencySummaryRow[] {
  const groups = new Map<string, { protocol: string; fraction: number; values: number[] }>();
  for (const r of rows) {
    const key = `${r.protocol}\u0000${r.fraction}`;
    const group = groups.get(key) ?? { protocol: r.protocol, fraction: r.fraction, values: [] };
    group.values.push(r.accuracy);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ protocol, fraction, values }) => {
    const runs = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / runs;
    const variance = runs > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (runs - 1) : 0;
    return { protocol, fraction, mean, std: Math.sqrt(variance), runs };
  });
}
