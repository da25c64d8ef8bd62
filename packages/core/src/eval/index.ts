/**
 * Evaluation protocols: how users see what pre-training bought them — embedding extraction,
 * label-fraction splits, kNN, linear probe, fine-tuning, the supervised baseline, the
 * label-efficiency study, and training monitors (online kNN, collapse).
 */
export { classificationAccuracy, type ClassLabels } from './class-labels.js';
export { extractEmbeddings, type Embedder, type ExtractEmbeddingsOptions } from './extract-embeddings.js';
export { embedWithObjective, type EmbeddingInputs } from './embed-with-objective.js';
export {
  labelFractionSubsets,
  classQuota,
  stratifiedSplit,
  type LabelFractionSubset,
  type TrainValSplit,
} from './label-fraction-split.js';
export { knnClassify, knnPredict, type KnnOptions, type KnnResult } from './knn-classifier.js';
export {
  linearProbe,
  type LabeledFeatures,
  type LinearProbeOptions,
  type LinearProbeResult,
  type LinearProbeTrial,
} from './linear-probe.js';
export type { EncoderClassifierOptions, EncoderClassifierResult, LabeledExamples } from './train-encoder-classifier.js';
export type { EncoderFactory } from './encoder-copies.js';
export { fineTune, type FineTuneOptions } from './fine-tune.js';
export { supervisedBaseline, type SupervisedBaselineOptions } from './supervised-baseline.js';
export { symmetricEigenvalues } from './symmetric-eigenvalues.js';
export { effectiveRank, embeddingCollapseStats, type CollapseStats } from './embedding-collapse-stats.js';
export { PeriodicMonitor, type PeriodicMonitorOptions } from './periodic-monitor.js';
export {
  OnlineKnnMonitor,
  type KnnMonitorRecord,
  type LabeledInputs,
  type OnlineKnnMonitorOptions,
} from './online-knn-monitor.js';
export { CollapseMonitor, type CollapseMonitorOptions, type CollapseRecord } from './collapse-monitor.js';
export {
  summarizeLabelEfficiency,
  type LabelEfficiencyRow,
  type LabelEfficiencySummaryRow,
} from './label-efficiency-summary.js';
export { labelEfficiencyTable, type MethodSummary } from './label-efficiency-table.js';
export {
  labelEfficiency,
  type EvalProtocol,
  type LabelEfficiencyOptions,
  type LabelEfficiencyReport,
} from './label-efficiency.js';
