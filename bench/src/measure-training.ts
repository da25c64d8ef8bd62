import { tf } from '@pretext/core';
import { Bench, type Statistics } from 'tinybench';
import { osMaxRssBytes, sampleMemory } from './memory-probe.js';
import type { ModelMeasurement, StepTiming } from './result-types.js';
import type { TrainingWorkload } from './workloads/training-workload.js';

/** Options of {@link measureTraining}. */
export interface MeasureOptions {
  /** Measured steps (tinybench `iterations`); at least 1. */
  readonly steps: number;
  /** Untimed warm-up steps first (the first steps compile kernels and allocate). */
  readonly warmupSteps: number;
  /** Keep measuring until this many milliseconds of steps have run, even past `steps` (default 0). */
  readonly minTimeMs?: number;
  /**
   * Run one extra, untimed step under `tf.profile` for the in-step tensor-memory peak: `true`, or a
   * string saying why not (slow backend, no synchronous reads), recorded in the result.
   */
  readonly profilePeak: true | string;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

/**
 * Times training steps of a workload with tinybench — each task iteration is one full step
 * (forward, backward, Adam update, `await loss.data()`) — and samples tensor memory, RSS and the
 * wasm heap after every step, the tensor count after every measured step (leak check) and the
 * loss (it must fall on the fixed batch).
 */
export async function measureTraining(workload: TrainingWorkload, opts: MeasureOptions): Promise<ModelMeasurement> {
  if (!(Number.isInteger(opts.steps) && opts.steps >= 1)) throw new Error(`measureTraining: steps must be an integer ≥ 1, got ${opts.steps}`);
  if (!(Number.isInteger(opts.warmupSteps) && opts.warmupSteps >= 0)) {
    throw new Error(`measureTraining: warmupSteps must be an integer ≥ 0, got ${opts.warmupSteps}`);
  }
  const log = opts.log ?? ((): void => undefined);
  const losses: number[] = [];
  const warmupMs: number[] = [];
  const measuredMs: number[] = [];
  const measuredTensors: number[] = [];
  let phase: 'warmup' | 'run' = 'warmup';
  let tensorBytesMax = 0;
  let rssMaxBytes = 0;
  let wasmHeapMaxBytes: number | null = null;

  const bench = new Bench({
    name: `${workload.model} training step`,
    iterations: opts.steps,
    time: opts.minTimeMs ?? 0,
    warmup: opts.warmupSteps > 0,
    warmupIterations: opts.warmupSteps,
    warmupTime: 0,
    throws: true,
  });
  bench.add(
    workload.model,
    async () => {
      const t0 = performance.now();
      const loss = await workload.step();
      const ms = performance.now() - t0;
      losses.push(loss);
      const m = sampleMemory();
      tensorBytesMax = Math.max(tensorBytesMax, m.tensorBytes);
      rssMaxBytes = Math.max(rssMaxBytes, m.rssBytes);
      if (m.wasmHeapBytes !== null) wasmHeapMaxBytes = Math.max(wasmHeapMaxBytes ?? 0, m.wasmHeapBytes);
      if (phase === 'warmup') warmupMs.push(ms);
      else {
        measuredMs.push(ms);
        measuredTensors.push(m.numTensors);
      }
      log(`  ${workload.model} ${phase} step ${losses.length}: ${ms.toFixed(0)} ms, loss ${loss.toFixed(4)}, tensors ${m.numTensors}`);
    },
    {
      beforeAll: (mode) => {
        phase = mode === 'warmup' ? 'warmup' : 'run';
      },
    },
  );
  const [task] = await bench.run();
  const result = task?.result;
  if (!result) throw new Error(`measureTraining: tinybench produced no result for ${workload.model}`);
  if (result.error) throw result.error;

  const peak = await profiledPeak(workload, opts.profilePeak);
  const timing = stepTiming(result.latency, measuredMs, warmupMs);
  const first = measuredTensors[0] ?? 0;
  const last = measuredTensors.at(-1) ?? 0;
  return {
    model: workload.model,
    unit: workload.unit,
    description: workload.description,
    batch: workload.batch,
    paramCount: workload.paramCount,
    shape: workload.shape,
    samplesPerSec: (workload.batch * 1000) / timing.meanMs,
    samplesPerSecMedian: (workload.batch * 1000) / timing.medianMs,
    timing,
    memory: {
      tensorBytesMax,
      tensorBytesPeakInStep: peak.bytes,
      ...(peak.note ? { tensorBytesPeakInStepNote: peak.note } : {}),
      rssMaxBytes,
      osMaxRssBytes: osMaxRssBytes(),
      wasmHeapMaxBytes,
    },
    tensors: {
      afterFirstStep: first,
      afterLastStep: last,
      delta: last - first,
      flat: measuredTensors.length < 2 ? null : measuredTensors.every((n) => n === first),
    },
    loss: {
      first: losses[0]!,
      last: losses.at(-1)!,
      steps: losses.length,
      fell: losses.length < 2 ? null : losses.at(-1)! < losses[0]!,
    },
  };
}

function stepTiming(s: Statistics, measuredMs: readonly number[], warmupMs: readonly number[]): StepTiming {
  return {
    samples: s.samples.length,
    meanMs: s.mean,
    medianMs: s.p50 ?? s.mean,
    p75Ms: s.p75 ?? s.max,
    p99Ms: s.p99 ?? s.max,
    minMs: s.min,
    maxMs: s.max,
    sdMs: s.sd,
    rmePercent: s.samples.length > 1 && Number.isFinite(s.rme) ? s.rme : null,
    stepMs: [...measuredMs],
    warmupSteps: warmupMs.length,
    warmupMs: [...warmupMs],
  };
}

/** One untimed step under `tf.profile`: the engine's byte count peak across the step's kernels. */
async function profiledPeak(workload: TrainingWorkload, profile: true | string): Promise<{ bytes: number | null; note?: string }> {
  if (profile !== true) return { bytes: null, note: profile };
  try {
    const info = await tf.profile(() => workload.step());
    return Number.isFinite(info.peakBytes) ? { bytes: info.peakBytes } : { bytes: null, note: 'not measured: tf.profile recorded no kernels' };
  } catch (e) {
    // The timed steps succeeded: keep them, and say why the peak is missing.
    return { bytes: null, note: `not measured: tf.profile failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}
