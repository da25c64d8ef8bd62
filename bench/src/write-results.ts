import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdown } from './markdown-report.js';
import type { ThroughputReport } from './result-types.js';

/** Paths written by {@link writeResults}. */
export interface WrittenResults {
  readonly json: string;
  readonly markdown: string;
  readonly latestJson: string;
  readonly latestMarkdown: string;
}

/**
 * Writes `throughput-<backend-set>-<YYYYMMDD-HHMM>.json` (every number and the environment) and
 * the matching `.md` table into `dir`, and copies both to `throughput-latest.json` / `.md`.
 * The time stamp is the report's start time in UTC.
 *
 * @param report - the benchmark's result.
 * @param dir - the results folder (created if missing); the CLI's default is `bench/results`.
 */
export function writeResults(report: ThroughputReport, dir: string): WrittenResults {
  mkdirSync(dir, { recursive: true });
  const base = `throughput-${report.backendSet}-${stamp(report.startedAt)}`;
  const json = join(dir, `${base}.json`);
  const markdown = join(dir, `${base}.md`);
  const latestJson = join(dir, 'throughput-latest.json');
  const latestMarkdown = join(dir, 'throughput-latest.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  copyFileSync(json, latestJson);
  copyFileSync(markdown, latestMarkdown);
  return { json, markdown, latestJson, latestMarkdown };
}

/** `YYYYMMDD-HHMM` in UTC of an ISO date. */
export function stamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`writeResults: startedAt '${iso}' is not a date`);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}
