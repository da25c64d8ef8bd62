import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { accuracyChartSpec, chartPoints } from '../src/report/chart-spec.js';
import { gainOverSupervised } from '../src/report/accuracy-lookup.js';
import { renderSvg, svgToPng } from '../src/report/render-chart.js';
import { renderSuiteMarkdown } from '../src/report/suite-markdown.js';
import { writeSuiteResults } from '../src/report/write-suite-results.js';
import { defaultMethods, fixtureResult } from './helpers/suite-result-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'pretext-suite-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('suite reports', () => {
  const result = fixtureResult();

  it('renders mean ± std per protocol and fraction, and the gain over supervised-only', () => {
    const md = renderSuiteMarkdown(result);
    expect(md).toContain('| method | protocol | 1 % | 5 % | 10 % | 25 % | 100 % |');
    // simclr linear-probe at 1 %: seeds 0.68, 0.69, 0.70 → 69.0 ± 1.0 (sample std).
    expect(md).toMatch(/\| simclr \(resnet\) \| linear-probe \| 69\.0 ± 1\.0 \|/);
    expect(md).toContain('## Gain over supervised-only (percentage points)');
    // simclr linear-probe − supervised (resnet) = 0.2 − 0.02 = +18.0 points at every fraction.
    expect(md).toMatch(/\| simclr \(resnet\) \| linear-probe \| \+18\.0 \| \+18\.0 \|/);
    expect(gainOverSupervised(result.methods, result.methods[1]!, 'knn', 0.1)).toBeCloseTo(0.07, 6);
    expect(md).toContain('backend wasm; Test CPU, 2 cores; GPU none');
    expect(md).toContain('commit 0123456789');
  });

  it('says so when no baseline was run', () => {
    const md = renderSuiteMarkdown(fixtureResult(defaultMethods().filter((m) => m.kind === 'pretrained')));
    expect(md).toContain('No supervised-only baseline in this result');
  });

  it('charts one line per method with the baseline in every protocol panel, on a log x axis', () => {
    const points = chartPoints(result);
    expect(new Set(points.map((p) => p.method))).toEqual(new Set(['simclr (resnet)', 'mae (vit)', 'supervised (resnet)', 'supervised (vit)']));
    expect(points.filter((p) => p.method === 'supervised (resnet)').map((p) => p.protocol)).toContain('fine-tune');
    expect(JSON.stringify(accuracyChartSpec(result))).toContain('"type":"log"');
  });

  it('renders the chart to SVG with axes and a path per line, and to a PNG sharp decodes', async () => {
    const svg = await renderSvg(accuracyChartSpec(result));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('label fraction (log scale)');
    expect(svg).toContain('test accuracy (%)');
    for (const name of ['simclr (resnet)', 'mae (vit)', 'supervised (resnet)']) expect(svg).toContain(name);
    // 3 protocol panels × (2 objectives + 2 baselines) lines.
    expect(svg.match(/aria-roledescription="line mark"/g) ?? []).toHaveLength(12);
    const png = await svgToPng(svg);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(500);
  });

  it('writes JSON, Markdown, SVG and PNG', async () => {
    const written = await writeSuiteResults(result, dir);
    expect(written.json).toMatch(/vision-mnist-20250102-0304\.json$/);
    const back = JSON.parse(readFileSync(written.json, 'utf8')) as typeof result;
    expect(back.methods[0]!.rows).toHaveLength(45);
    expect(readFileSync(written.markdown, 'utf8')).toContain(`![accuracy vs label fraction](vision-mnist-20250102-0304.png)`);
    expect((await sharp(written.png).metadata()).format).toBe('png');
  });
});
