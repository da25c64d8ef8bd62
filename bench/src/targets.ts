import type { BackendName } from '@pretext/core';
import { RESNET_CNN_DEFAULTS } from './models/resnet-cnn.js';
import { TRANSFORMER_ENCODER_DEFAULTS } from './models/transformer-encoder.js';
import type { RunRecord, TargetCheck, TargetVerdict } from './result-types.js';
import { CNN_DEFAULT_BATCH } from './workloads/cnn-workload.js';
import { TRANSFORMER_DEFAULT_BATCH } from './workloads/transformer-workload.js';
import type { ModelName, ModelShape } from './workloads/training-workload.js';

/** A throughput floor the benchmark checks, at the model's default shape and batch. */
export interface ThroughputTarget {
  readonly backend: BackendName;
  readonly model: ModelName;
  readonly unit: 'images' | 'sequences';
  readonly minSamplesPerSec: number;
  readonly batch: number;
  /** Shape fields the run must match (the model defaults, seeds and init scale aside). */
  readonly shape: ModelShape;
}

const { seed: _cnnSeed, ...cnnShape } = RESNET_CNN_DEFAULTS;
const { seed: _encSeed, initScale: _initScale, ...encoderShape } = TRANSFORMER_ENCODER_DEFAULTS;

/** The targets on a 2-core machine: wasm ≥ 110 images/s (CNN), ≥ 30 sequences/s (transformer). */
export const THROUGHPUT_TARGETS: readonly ThroughputTarget[] = [
  { backend: 'wasm', model: 'cnn', unit: 'images', minSamplesPerSec: 110, batch: CNN_DEFAULT_BATCH, shape: cnnShape },
  {
    backend: 'wasm', model: 'transformer', unit: 'sequences', minSamplesPerSec: 30,
    batch: TRANSFORMER_DEFAULT_BATCH, shape: encoderShape,
  },
];

/**
 * Judges each target against the runs: `pass` when the backend × model ran at the target's shape
 * and batch with mean samples/s at or above the floor, `fail` below it, `not-measured` when it
 * did not run (skipped, failed, not requested) or ran at another shape.
 */
export function checkTargets(runs: readonly RunRecord[], targets: readonly ThroughputTarget[] = THROUGHPUT_TARGETS): TargetCheck {
  const verdicts = targets.map((t): TargetVerdict => {
    const base = { backend: t.backend, model: t.model, unit: t.unit, minSamplesPerSec: t.minSamplesPerSec };
    const run = runs.find((r) => r.backend === t.backend && r.model === t.model);
    if (!run) return { ...base, measured: null, status: 'not-measured', note: `${t.backend} ${t.model} was not requested` };
    if (run.status !== 'ok') return { ...base, measured: null, status: 'not-measured', note: `${run.status}: ${run.reason}` };
    const mismatch = shapeMismatch(run.shape, t.shape) ?? (run.batch === t.batch ? undefined : `batch ${run.batch} ≠ ${t.batch}`);
    if (mismatch) return { ...base, measured: null, status: 'not-measured', note: `not the target shape (${mismatch})` };
    const ok = run.samplesPerSec >= t.minSamplesPerSec;
    const unit = t.unit === 'images' ? 'img/s' : 'seq/s';
    return {
      ...base,
      measured: run.samplesPerSec,
      status: ok ? 'pass' : 'fail',
      note: `${run.samplesPerSec.toFixed(1)} ${unit} ${ok ? '≥' : '<'} ${t.minSamplesPerSec}`,
    };
  });
  return { pass: verdicts.every((v) => v.status === 'pass'), verdicts };
}

/** One line: `TARGETS PASS|FAIL — wasm cnn: …; wasm transformer: …`. */
export function formatTargetLine(check: TargetCheck): string {
  const parts = check.verdicts.map((v) => `${v.backend} ${v.model} ${v.status.toUpperCase()} (${v.note})`);
  return `TARGETS ${check.pass ? 'PASS' : 'FAIL'} — ${parts.join('; ')}`;
}

function shapeMismatch(shape: ModelShape, want: ModelShape): string | undefined {
  for (const [k, v] of Object.entries(want)) {
    if (JSON.stringify(shape[k]) !== JSON.stringify(v)) return `${k} ${JSON.stringify(shape[k])} ≠ ${JSON.stringify(v)}`;
  }
  return undefined;
}
