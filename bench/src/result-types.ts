import type { BackendName, BackendReport } from '@pretext/core';
import type { Environment } from './environment.js';
import type { ModelName, ModelShape, SampleUnit } from './workloads/training-workload.js';

/** Timing of the measured (post-warm-up) training steps, from tinybench's latency statistics. */
export interface StepTiming {
  /** Measured steps (tinybench samples). */
  readonly samples: number;
  readonly meanMs: number;
  readonly medianMs: number;
  readonly p75Ms: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly sdMs: number;
  /** Relative margin of error of the mean at 95 % confidence, in percent; null with one sample. */
  readonly rmePercent: number | null;
  /** Every measured step, in milliseconds, in order (the statistics above are tinybench's). */
  readonly stepMs: readonly number[];
  /** Warm-up steps run (and not timed) before the measured ones. */
  readonly warmupSteps: number;
  /** Milliseconds of the warm-up steps, in order (the first one compiles and allocates). */
  readonly warmupMs: readonly number[];
}

/** Memory high-water marks over every step (warm-up included). */
export interface MemoryPeaks {
  /** Max of `tf.memory().numBytes` sampled after each step (weights, optimizer slots, batch). */
  readonly tensorBytesMax: number;
  /**
   * Peak of `tf.memory().numBytes` inside one extra, untimed step run under `tf.profile`
   * (activations and gradients included), or null where it was not measured (see
   * `tensorBytesPeakInStepNote`).
   */
  readonly tensorBytesPeakInStep: number | null;
  readonly tensorBytesPeakInStepNote?: string;
  /** Max of `process.memoryUsage().rss` sampled after each step. */
  readonly rssMaxBytes: number;
  /** The process's peak resident set as the OS reports it (`process.resourceUsage().maxRSS`). */
  readonly osMaxRssBytes: number;
  /** wasm backend: size of the wasm linear memory (it only grows, so this is its peak); else null. */
  readonly wasmHeapMaxBytes: number | null;
}

/** `tf.memory().numTensors` after each measured step: flat when nothing leaks. */
export interface TensorLeakCheck {
  readonly afterFirstStep: number;
  readonly afterLastStep: number;
  /** `afterLastStep - afterFirstStep`. */
  readonly delta: number;
  /** True when every measured step left the same count; null with fewer than two steps. */
  readonly flat: boolean | null;
}

/** Loss on the fixed batch at the first and last step: it must fall. */
export interface LossCheck {
  readonly first: number;
  readonly last: number;
  /** Steps the two values span (warm-up included). */
  readonly steps: number;
  /** `last < first`; null with a single step. */
  readonly fell: boolean | null;
}

/** The measurement of one model on one backend. */
export interface ModelMeasurement {
  readonly model: ModelName;
  readonly unit: SampleUnit;
  readonly description: string;
  readonly batch: number;
  readonly paramCount: number;
  readonly shape: ModelShape;
  /** `batch / mean step` — the headline number. */
  readonly samplesPerSec: number;
  /** `batch / median step`. */
  readonly samplesPerSecMedian: number;
  readonly timing: StepTiming;
  readonly memory: MemoryPeaks;
  readonly tensors: TensorLeakCheck;
  readonly loss: LossCheck;
}

/** A model measured on a backend that loaded. */
export interface CompletedRun extends ModelMeasurement {
  readonly status: 'ok';
  readonly backend: BackendName;
  readonly backendReport: BackendReport;
}

/** A backend that did not load (`initBackend({ prefer, strict: true })` threw), or was not requested. */
export interface SkippedRun {
  readonly status: 'skipped';
  readonly backend: BackendName;
  readonly model: ModelName;
  /** The one-line reason from the failed init. */
  readonly reason: string;
}

/** A backend that loaded but whose training (or child process) failed. */
export interface FailedRun {
  readonly status: 'failed';
  readonly backend: BackendName;
  readonly model: ModelName;
  readonly reason: string;
  readonly backendReport?: BackendReport;
}

/** One backend × model cell of the benchmark. */
export type RunRecord = CompletedRun | SkippedRun | FailedRun;

/** Verdict on one throughput target. */
export interface TargetVerdict {
  readonly backend: BackendName;
  readonly model: ModelName;
  readonly unit: 'images' | 'sequences';
  /** Samples/s the target asks for. */
  readonly minSamplesPerSec: number;
  /** Measured samples/s, or null where not measured at the target's shape. */
  readonly measured: number | null;
  readonly status: 'pass' | 'fail' | 'not-measured';
  readonly note: string;
}

/** Every target's verdict; `pass` only when each one passed. */
export interface TargetCheck {
  readonly pass: boolean;
  readonly verdicts: readonly TargetVerdict[];
}

/** Settings a benchmark ran with (what the command line resolved to). */
export interface ThroughputSettings {
  /** Backends to try, in order; each runs in its own child process. */
  readonly backends: readonly BackendName[];
  readonly models: readonly ModelName[];
  /** Measured steps per model (not on cpu: see `cpuSteps`). */
  readonly steps: number;
  /** Untimed warm-up steps per model (none on cpu). */
  readonly warmupSteps: number;
  /** Keep measuring until this many milliseconds of steps have run (0: exactly `steps`). */
  readonly minTimeMs: number;
  /** Measured steps on the cpu backend, which runs no warm-up (one CNN step takes minutes). */
  readonly cpuSteps: number;
  /** Batch for both models (default: 128 for the CNN, 32 for the transformer). */
  readonly batch?: number;
  /** Transformer sequence length (default 64). */
  readonly seqLength?: number;
  /** wasm worker threads (default: what `initBackend` picks). */
  readonly wasmThreads?: number;
}

/** The whole result file. */
export interface ThroughputReport {
  readonly schema: 'pretext-bench-throughput/1';
  /** ISO time the benchmark started. */
  readonly startedAt: string;
  /** Backends asked for, joined with `+` (the results file name uses it). */
  readonly backendSet: string;
  readonly settings: ThroughputSettings;
  readonly environment: Environment;
  readonly runs: readonly RunRecord[];
  readonly targets: TargetCheck;
}
