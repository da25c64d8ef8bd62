export type { Batch, Objective, ObjectiveConfig, StepContext } from './objective.js';
export {
  createObjective,
  getObjectiveInfo,
  getObjectiveSchema,
  hasObjective,
  listObjectives,
  registerObjective,
  unregisterObjective,
  type ObjectiveDefinition,
  type ObjectiveInfo,
  type RegisterObjectiveOptions,
} from './registry.js';
