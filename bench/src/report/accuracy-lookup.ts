import type { LabelEfficiencySummaryRow } from '@pretext/core';
import { SUPERVISED } from '../suites/suite-config.js';
import type { MethodResult } from './suite-result.js';

/** The summary cell of `protocol` at `fraction`, if measured. */
export function summaryAt(m: MethodResult, protocol: string, fraction: number): LabelEfficiencySummaryRow | undefined {
  return m.summary.find((s) => s.protocol === protocol && Math.abs(s.fraction - fraction) < 1e-9);
}

/** The supervised-only baseline of `encoder` among `methods`, if it was run. */
export function baselineOf(methods: readonly MethodResult[], encoder: string): MethodResult | undefined {
  return methods.find((m) => m.kind === 'supervised' && m.encoder === encoder);
}

/**
 * Gain of a pre-trained method's protocol over the supervised-only baseline of the same encoder
 * on the same labels, in accuracy (mean minus mean); undefined where either is missing.
 */
export function gainOverSupervised(methods: readonly MethodResult[], m: MethodResult, protocol: string, fraction: number): number | undefined {
  const base = baselineOf(methods, m.encoder);
  const a = summaryAt(m, protocol, fraction);
  const b = base ? summaryAt(base, SUPERVISED, fraction) : undefined;
  return a && b ? a.mean - b.mean : undefined;
}

/** The protocols of a method in first-seen order. */
export function protocolsOf(m: MethodResult): string[] {
  return [...new Set(m.summary.map((s) => s.protocol))];
}
