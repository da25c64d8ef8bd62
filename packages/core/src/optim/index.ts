export {
  createOptimizer,
  optimizerConfigSchema,
  parseOptimizerConfig,
  type CreateOptimizerOptions,
  type NormalizedOptimizerConfig,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerState,
  type OptimizerType,
} from './optimizer.js';
export {
  constantLr,
  createSchedule,
  scheduleConfigSchema,
  warmupCosine,
  type LrSchedule,
  type NormalizedScheduleConfig,
  type ScheduleConfig,
  type WarmupCosineOptions,
} from './schedule.js';
export { clipByGlobalNorm, globalNorm } from './clip.js';
export { GradientAccumulator } from './gradient-accumulator.js';
export { isNoDecayVariable } from './weight-decay.js';
