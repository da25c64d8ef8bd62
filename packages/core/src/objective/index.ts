export type { Batch, Objective, ObjectiveConfig, StepContext } from './objective.js';
