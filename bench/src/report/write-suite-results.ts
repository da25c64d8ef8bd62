import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stamp } from '../write-results.js';
import { accuracyChartSpec } from './chart-spec.js';
import { renderSvg, svgToPng } from './render-chart.js';
import { renderSuiteMarkdown } from './suite-markdown.js';
import type { SuiteResult } from './suite-result.js';

/** Paths written by {@link writeSuiteResults}. */
export interface WrittenSuiteResults {
  readonly json: string;
  readonly markdown: string;
  readonly svg: string;
  readonly png: string;
}

/**
 * Writes `<suite>[-quick][-<tag>]-<YYYYMMDD-HHMM>.json` (every number and the environment), the
 * Markdown report, and the accuracy-vs-labels chart as `.svg` and `.png` into `dir`.
 *
 * @param tag - distinguishes partial runs (default: the methods of a partial run joined by `+`).
 */
export async function writeSuiteResults(r: SuiteResult, dir: string, tag?: string): Promise<WrittenSuiteResults> {
  mkdirSync(dir, { recursive: true });
  const started = r.parts[0]?.startedAt ?? new Date().toISOString();
  const base = [r.suite, r.variant === 'quick' ? 'quick' : '', tag ?? '', stamp(started)].filter((s) => s.length > 0).join('-');
  const path = (ext: string): string => join(dir, `${base}.${ext}`);
  const svg = await renderSvg(accuracyChartSpec(r));
  writeFileSync(path('json'), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(path('svg'), svg);
  writeFileSync(path('png'), await svgToPng(svg));
  writeFileSync(path('md'), renderSuiteMarkdown(r, `${base}.png`));
  return { json: path('json'), markdown: path('md'), svg: path('svg'), png: path('png') };
}
