import type { TopLevelSpec } from 'vega-lite';
import { SUPERVISED } from '../suites/suite-config.js';
import { methodLabel, type SuiteResult } from './suite-result.js';

/** One point of the chart: a method's mean accuracy (± std) under a protocol at a label fraction. */
export interface ChartPoint {
  /** Panel: the protocol (the supervised baseline is drawn in every panel). */
  readonly protocol: string;
  /** Line: `simclr (resnet)`, `supervised (resnet)`. */
  readonly method: string;
  readonly kind: 'pretrained' | 'supervised';
  readonly fraction: number;
  /** Percent. */
  readonly accuracy: number;
  readonly low: number;
  readonly high: number;
}

/** The chart's data: every pre-trained method per protocol, and each baseline copied into every protocol panel. */
export function chartPoints(r: SuiteResult): ChartPoint[] {
  const protocols = r.config.evaluation.protocols;
  const points: ChartPoint[] = [];
  for (const m of r.methods) {
    for (const s of m.summary) {
      const panels = m.kind === 'supervised' && s.protocol === SUPERVISED ? protocols : [s.protocol];
      for (const protocol of panels) {
        const accuracy = 100 * s.mean;
        points.push({ protocol, method: methodLabel(m), kind: m.kind, fraction: s.fraction, accuracy, low: accuracy - 100 * s.std, high: accuracy + 100 * s.std });
      }
    }
  }
  return points;
}

/**
 * A vega-lite spec of accuracy versus label fraction: one panel per protocol, the fraction on a
 * log x axis, one line per objective (solid) plus the supervised-only baseline (dashed), error
 * bars of ± one std over seeds.
 */
export function accuracyChartSpec(r: SuiteResult): TopLevelSpec {
  const fractions = r.config.evaluation.fractions;
  const x = {
    field: 'fraction',
    type: 'quantitative' as const,
    title: 'label fraction (log scale)',
    scale: { type: 'log' as const, domain: [Math.min(...fractions), Math.max(...fractions)] },
    axis: { values: [...fractions], format: '.0%' },
  };
  const color = { field: 'method', type: 'nominal', title: 'method' } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${r.suite} ${r.version}${r.variant === 'quick' ? ' (quick)' : ''}: test accuracy vs labels`,
    background: 'white',
    data: { values: chartPoints(r).map((p) => ({ ...p })) },
    facet: { column: { field: 'protocol', type: 'nominal', title: 'protocol', sort: [...r.config.evaluation.protocols] } },
    spec: {
      width: 260,
      height: 220,
      layer: [
        { mark: { type: 'rule' }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color } },
        {
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y: { field: 'accuracy', type: 'quantitative', title: 'test accuracy (%)', scale: { zero: false } },
            color,
            strokeDash: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['pretrained', 'supervised'], range: [[1, 0], [6, 4]] } },
          },
        },
      ],
    },
    config: { font: 'DejaVu Sans, sans-serif' },
  };
}
