export { Trainer } from './trainer.js';
export type { Callback, CallbackContext, TrainState } from './callback.js';
export type { FitOptions, FitResult, StopReason, TrainerOptions } from './fit-types.js';
export {
  parseTrainerConfig,
  trainerConfigSchema,
  type NormalizedTrainerConfig,
  type TrainerConfig,
} from './trainer-config.js';
export type { BatchIterable, DataSource } from './data-source.js';
export type { LogSink, ProgressMode } from './reporter.js';
export { TrainingDivergedError } from './training-diverged-error.js';
export { pretrainWithinBudget, type BudgetedRun, type PretrainWithinBudgetOptions } from './pretrain-within-budget.js';
export { CheckpointError } from './checkpoint-error.js';
export { loadCheckpointWeights, readCheckpointMeta } from './checkpoint.js';
export { checkpointFileName, LATEST_POINTER, resolveCheckpoint } from './checkpoint-dir.js';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointMeta,
  type CheckpointProgress,
} from './checkpoint-meta.js';
export type { ModelSignature, VariableSignature } from './model-signature.js';
