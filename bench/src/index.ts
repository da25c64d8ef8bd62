/**
 * `@pretext/bench`: the benchmark harness. The training-throughput benchmark's pieces, for scripts
 * and tests; the command line is `src/throughput.ts`.
 */
export { buildResnetCnn, RESNET_CNN_DEFAULTS, type ResnetCnnConfig } from './models/resnet-cnn.js';
export {
  buildTransformerEncoder,
  TRANSFORMER_ENCODER_DEFAULTS,
  type TransformerEncoder,
  type TransformerEncoderConfig,
} from './models/transformer-encoder.js';
export { MODEL_NAMES, isModelName, type ModelName, type ModelShape, type TrainingWorkload, type WorkloadOptions } from './workloads/training-workload.js';
export { createCnnWorkload, CNN_DEFAULT_BATCH, type CnnWorkloadOptions } from './workloads/cnn-workload.js';
export { createTransformerWorkload, TRANSFORMER_DEFAULT_BATCH, type TransformerWorkloadOptions } from './workloads/transformer-workload.js';
export { createWorkload, type WorkloadOptionsByModel } from './workloads/create-workload.js';
export { measureTraining, type MeasureOptions } from './measure-training.js';
export { sampleMemory, wasmHeapBytes, osMaxRssBytes, type MemorySample } from './memory-probe.js';
export { runModelOnActiveBackend, runModelOnBackend, initFailureReason, type ModelRunOptions } from './run-model.js';
export { captureEnvironment, type Environment, type GitInfo } from './environment.js';
export { buildReport, type BuildReportInput } from './build-report.js';
export { checkTargets, formatTargetLine, THROUGHPUT_TARGETS, type ThroughputTarget } from './targets.js';
export { renderMarkdown, TABLE_HEADER } from './markdown-report.js';
export { writeResults, stamp, type WrittenResults } from './write-results.js';
export { parseThroughputArgs, childArgs, DEFAULT_BACKENDS, USAGE, type ThroughputCliOptions } from './cli-options.js';
export { runThroughput, settingsOf } from './run-throughput.js';
export type * from './result-types.js';
