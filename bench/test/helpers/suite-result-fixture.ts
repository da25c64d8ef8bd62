import { summarizeLabelEfficiency, type LabelEfficiencyRow } from '@pretext/core';
import { SUITE_RESULT_SCHEMA, type MethodResult, type SuiteResult } from '../../src/report/suite-result.js';
import type { SuiteEnvironment } from '../../src/report/suite-environment.js';
import { getSuite } from '../../src/suites/suite-registry.js';

const FRACTIONS = [0.01, 0.05, 0.1, 0.25, 1];
const SEEDS = [0, 1, 2];

/** Deterministic accuracies: rising with the fraction, `offset` per method, a little per seed. */
function rows(protocols: readonly string[], offset: number): LabelEfficiencyRow[] {
  return SEEDS.flatMap((seed) =>
    FRACTIONS.flatMap((fraction) =>
      protocols.map((protocol, p) => ({ protocol, fraction, seed, accuracy: Math.min(0.99, 0.5 + offset + 0.08 * Math.log10(fraction * 100) + 0.01 * seed - 0.02 * p), labeled: Math.round(8000 * fraction) })),
    ),
  );
}

function method(name: string, encoder: string, kind: MethodResult['kind'], offset: number): MethodResult {
  const r = rows(kind === 'supervised' ? ['supervised'] : ['knn', 'linear-probe', 'fine-tune'], offset);
  return {
    method: name,
    encoder,
    kind,
    ...(kind === 'pretrained'
      ? { pretraining: { objective: name, encoder, steps: 100, plannedSteps: 100, seconds: 60, secondsPerStep: 0.6, finalLoss: 1.5, stopReason: 'completed', lr: 1e-3, batchSize: 128, minutes: 1 } }
      : {}),
    rows: r,
    summary: summarizeLabelEfficiency(r),
    evaluationSeconds: 30,
  };
}

const environment: SuiteEnvironment = {
  hostname: 'test', platform: 'linux', arch: 'x64', osRelease: '6', cpuModel: 'Test CPU', cpuCores: 2, availableParallelism: 2,
  totalMemoryBytes: 8 * 1024 ** 3, freeMemoryBytes: 4 * 1024 ** 3, loadAverage: [1, 1, 1], node: '22.0.0', v8: '12',
  versions: { tfjs: '4.22.0' }, git: { commit: '0123456789abcdef', dirty: false }, backends: {}, backend: 'wasm', gpus: [], seeds: SEEDS,
};

/** A small, fixed vision-mnist result: SimCLR and MAE, plus the given baselines. */
export function fixtureResult(methods: readonly MethodResult[] = defaultMethods()): SuiteResult {
  const suite = getSuite('vision-mnist');
  return {
    schema: SUITE_RESULT_SCHEMA,
    suite: 'vision-mnist',
    version: suite.full.version,
    variant: 'full',
    config: suite.full,
    facts: { trainImages: 8000, testImages: 2000 },
    methods,
    parts: [{ methods: methods.map((m) => m.method), startedAt: '2025-01-02T03:04:05.000Z', wallSeconds: 120, environment }],
  };
}

/** SimCLR (resnet), MAE (vit) and both supervised baselines. */
export function defaultMethods(): MethodResult[] {
  return [method('simclr', 'resnet', 'pretrained', 0.2), method('mae', 'vit', 'pretrained', 0.05), method('supervised', 'resnet', 'supervised', 0), method('supervised', 'vit', 'supervised', -0.02)];
}

export { method as fixtureMethod };
