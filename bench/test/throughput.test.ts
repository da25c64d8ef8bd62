import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, type BackendReport } from '@pretext/core';
import {
  buildReport,
  checkTargets,
  childArgs,
  parseThroughputArgs,
  runModelOnActiveBackend,
  settingsOf,
  TABLE_HEADER,
  writeResults,
  type CompletedRun,
  type RunRecord,
  type ThroughputReport,
  type WorkloadOptionsByModel,
} from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

/** Tiny shapes: a few milliseconds a step even on the cpu backend. */
const TINY: WorkloadOptionsByModel = {
  cnn: { batch: 4, learningRate: 1e-2, model: { inputShape: [8, 8, 1], stemFilters: 4, blockFilters: [4, 8], denseUnits: 8, classes: 3 } },
  transformer: { batch: 2, learningRate: 1e-2, model: { layers: 1, dModel: 16, heads: 2, ffDim: 32, vocabSize: 20, seqLength: 8 } },
};

describe('throughput benchmark', () => {
  let report: BackendReport;
  const runs: RunRecord[] = [];
  let dir: string;
  let tensorsBefore = 0;

  beforeAll(async () => {
    report = await useTestBackend();
    tensorsBefore = tf.memory().numTensors;
    dir = mkdtempSync(join(tmpdir(), 'pretext-bench-test-'));
    for (const model of ['cnn', 'transformer'] as const) {
      runs.push(await runModelOnActiveBackend(report, model, { steps: 2, warmupSteps: 0, workload: TINY }));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains both tiny models for 2 timed steps and records positive numbers', () => {
    expect(runs.map((r) => [r.model, r.status, r.status === 'ok' ? '' : r.reason])).toEqual([
      ['cnn', 'ok', ''],
      ['transformer', 'ok', ''],
    ]);
    for (const r of runs as CompletedRun[]) {
      expect(r.backend).toBe(report.backend);
      expect(r.backendReport.tfBackend).toBe(tf.getBackend());
      expect(r.batch).toBe(r.model === 'cnn' ? 4 : 2);
      expect(r.paramCount).toBeGreaterThan(0);
      expect(r.timing.samples).toBe(2);
      expect(r.timing.stepMs).toHaveLength(2);
      expect(r.timing.warmupSteps).toBe(0);
      for (const v of [r.samplesPerSec, r.samplesPerSecMedian, r.timing.meanMs, r.timing.medianMs, r.timing.p75Ms, r.timing.p99Ms, r.timing.minMs, r.timing.maxMs]) {
        expect(v).toBeGreaterThan(0);
        expect(Number.isFinite(v)).toBe(true);
      }
      expect(r.samplesPerSec).toBeCloseTo((r.batch * 1000) / r.timing.meanMs, 6);
      expect(r.timing.minMs).toBeLessThanOrEqual(r.timing.maxMs);
      expect(r.timing.rmePercent).toBeGreaterThanOrEqual(0);
      expect(r.timing.stepMs.every((ms) => ms > 0)).toBe(true);
      expect(r.memory.tensorBytesMax).toBeGreaterThan(0);
      expect(r.memory.rssMaxBytes).toBeGreaterThan(0);
      expect(r.memory.osMaxRssBytes).toBeGreaterThan(0);
      if (r.backend === 'wasm') expect(r.memory.wasmHeapMaxBytes).toBeGreaterThan(0);
      else expect(r.memory.wasmHeapMaxBytes).toBeNull();
      if (r.memory.tensorBytesPeakInStep === null) expect(r.memory.tensorBytesPeakInStepNote).toMatch(/not measured/);
      else expect(r.memory.tensorBytesPeakInStep).toBeGreaterThanOrEqual(r.memory.tensorBytesMax);
      expect(r.tensors).toMatchObject({ delta: 0, flat: true });
      expect(r.tensors.afterFirstStep).toBeGreaterThan(0);
      expect(r.loss.steps).toBe(2);
      expect(Number.isFinite(r.loss.first) && Number.isFinite(r.loss.last)).toBe(true);
      expect(r.loss.fell).toBe(true);
    }
  });

  it('leaves no tensors behind once the workloads are disposed', () => {
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('writes JSON and Markdown results that parse, plus the latest copies', () => {
    const o = parseThroughputArgs(['--backends', report.backend, '--steps', '2', '--warmup', '0', '--out', dir]);
    const built = buildReport({ startedAt: new Date('2025-01-02T03:04:05Z'), settings: settingsOf(o), runs });
    const written = writeResults(built, o.outDir);
    expect(written.json).toBe(join(dir, `throughput-${report.backend}-20250102-0304.json`));
    expect(readdirSync(dir).sort()).toEqual(
      [`throughput-${report.backend}-20250102-0304.json`, `throughput-${report.backend}-20250102-0304.md`, 'throughput-latest.json', 'throughput-latest.md'].sort(),
    );
    const parsed = JSON.parse(readFileSync(written.json, 'utf8')) as ThroughputReport;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(built)));
    expect(parsed.schema).toBe('pretext-bench-throughput/1');
    expect(parsed.environment.cpuCores).toBeGreaterThan(0);
    expect(parsed.environment.versions.tfjs).toBe('4.22.0');
    expect(parsed.environment.backends[report.backend]?.backend).toBe(report.backend);
    expect(readFileSync(written.latestJson, 'utf8')).toBe(readFileSync(written.json, 'utf8'));

    const md = readFileSync(written.markdown, 'utf8');
    expect(readFileSync(written.latestMarkdown, 'utf8')).toBe(md);
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    const cells = (line: string): string[] => line.slice(1, -1).split('|').map((c) => c.trim());
    expect(cells(table[0]!)).toEqual([...TABLE_HEADER]);
    expect(table).toHaveLength(2 + runs.length);
    for (const line of table.slice(2)) {
      const row = cells(line);
      expect(row).toHaveLength(TABLE_HEADER.length);
      expect(Number(row[3])).toBeGreaterThan(0);
    }
    expect(md).toMatch(/^TARGETS (PASS|FAIL) — /m);
  });

  it('does not judge the targets on tiny shapes', () => {
    const check = checkTargets(runs);
    expect(check.pass).toBe(false);
    expect(check.verdicts.map((v) => v.status)).toEqual(['not-measured', 'not-measured']);
  });

  it('parses the command line: cpu only on request, with 1 step and no warm-up', () => {
    const d = parseThroughputArgs([]);
    expect(d.backends).not.toContain('cpu');
    expect([d.steps, d.warmupSteps, d.cpuSteps, d.check]).toEqual([20, 3, 1, false]);
    const o = parseThroughputArgs(['--backends', 'wasm,cpu', '--batch', '8', '--time', '1.5', '--check']);
    expect(o.backends).toEqual(['wasm', 'cpu']);
    expect([o.batch, o.minTimeMs, o.check]).toEqual([8, 1500, true]);
    const cpu = childArgs(o, 'cpu', 'cnn', '/tmp/r.json');
    expect(cpu.slice(cpu.indexOf('--steps'), cpu.indexOf('--steps') + 6)).toEqual(['--steps', '1', '--warmup', '0', '--time', '0']);
    expect(() => parseThroughputArgs(['--backends', 'tpu'])).toThrow(/--backends: 'tpu'/);
    expect(() => parseThroughputArgs(['--steps', '0'])).toThrow(/--steps/);
  });
});
