/**
 * `@pretext/bench`: the benchmark harness — training throughput and the label-efficiency suites, for scripts
 * and tests; the command lines are `src/throughput.ts` and `src/suite.ts` (and `pretext bench`).
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
export { REFERENCE_MODEL_NAMES, OBJECTIVE_MODEL_NAMES, type ObjectiveModelName, type SampleUnit } from './workloads/training-workload.js';
export { createObjectiveWorkload } from './workloads/objective-workload.js';
export { OBJECTIVE_WORKLOADS, type ObjectiveWorkloadSpec } from './workloads/objective-inputs.js';
export { throughputMain } from './throughput-main.js';
export { LABEL_FRACTIONS, SUITE_PROTOCOLS, SUPERVISED, suiteConfigProblems, type EvaluationSettings, type ObjectivePlan, type SuiteConfig } from './suites/suite-config.js';
export { registerSuite, type LabeledSplit, type LoadedSuite, type PretrainedEncoder, type PretrainingRecord, type RegisteredSuite, type SuiteDefinition } from './suites/suite-definition.js';
export { SUITES, SUITE_NAMES, getSuite } from './suites/suite-registry.js';
export { budgetedPretrain, type BudgetedPretrainOptions } from './suite-runner/budgeted-pretrain.js';
export { evaluateEncoder, type EvaluateEncoderOptions } from './suite-runner/evaluate-encoder.js';
export { runSuite, type RunSuiteOptions } from './suite-runner/run-suite.js';
export { selectMethods, withSeeds } from './suite-runner/select-methods.js';
export { suiteCommand, type SuiteCommandOptions } from './suite-runner/suite-command.js';
export { parseSuiteArgs, parseSeeds, parseList, SUITE_USAGE } from './suite-runner/suite-cli-options.js';
export { logLine } from './suite-runner/log-line.js';
export { SUITE_RESULT_SCHEMA, methodLabel, type MethodResult, type SuitePart, type SuiteResult } from './report/suite-result.js';
export { captureSuiteEnvironment, listGpus, type SuiteEnvironment } from './report/suite-environment.js';
export { mergeSuiteResults } from './report/merge-suite-results.js';
export { renderSuiteMarkdown } from './report/suite-markdown.js';
export { accuracyTableLines, fractionLabel } from './report/accuracy-table.js';
export { baselineOf, gainOverSupervised, summaryAt } from './report/accuracy-lookup.js';
export { accuracyChartSpec, chartPoints, type ChartPoint } from './report/chart-spec.js';
export { renderSvg, svgToPng } from './report/render-chart.js';
export { writeSuiteResults, type WrittenSuiteResults } from './report/write-suite-results.js';
export { defaultResultsDir } from './cli-options.js';
