import { describe, expect, it } from 'vitest';
import { labelEfficiencyTable, type MethodSummary } from '../../src/index.js';

const row = (protocol: string, fraction: number, mean: number, std = 0.01, runs = 3) => ({ protocol, fraction, mean, std, runs });

describe('labelEfficiencyTable', () => {
  const methods: MethodSummary[] = [
    { name: 'simclr', summary: [row('linear-probe', 0.1, 0.9), row('linear-probe', 0.01, 0.7)] },
    { name: 'supervised only', summary: [row('supervised', 0.01, 0.45), row('supervised', 0.1, 0.88)] },
  ];

  it('puts fractions in ascending columns and one row per method and protocol', () => {
    const lines = labelEfficiencyTable(methods).split('\n');
    expect(lines[0]).toBe('| method | protocol | 1% labels | 10% labels |');
    expect(lines[2]).toBe('| simclr | linear-probe | 70.0 ± 1.0 (n=3) | 90.0 ± 1.0 (n=3) |');
    expect(lines[3]).toBe('| supervised only | supervised | 45.0 ± 1.0 (n=3) | 88.0 ± 1.0 (n=3) |');
  });

  it('shows the gain over the baseline at each fraction, not on the baseline itself', () => {
    const lines = labelEfficiencyTable(methods, { name: 'supervised only', protocol: 'supervised' }).split('\n');
    expect(lines[2]).toBe('| simclr | linear-probe | 70.0 ± 1.0 (+25.0) (n=3) | 90.0 ± 1.0 (+2.0) (n=3) |');
    expect(lines[3]).toBe('| supervised only | supervised | 45.0 ± 1.0 (n=3) | 88.0 ± 1.0 (n=3) |');
  });

  it('leaves a cell empty where a method has no result at that fraction', () => {
    const partial = [...methods, { name: 'knn all labels', summary: [row('knn', 1, 0.95, 0, 1)] }];
    expect(labelEfficiencyTable(partial).split('\n')[4]).toBe('| knn all labels | knn |  |  | 95.0 ± 0.0 (n=1) |');
  });
});
