import { createCnnWorkload, type CnnWorkloadOptions } from './cnn-workload.js';
import { createObjectiveWorkload } from './objective-workload.js';
import type { ModelName, TrainingWorkload, WorkloadOptions } from './training-workload.js';
import { createTransformerWorkload, type TransformerWorkloadOptions } from './transformer-workload.js';

/** Per-model options of {@link createWorkload}. */
export interface WorkloadOptionsByModel {
  readonly cnn?: CnnWorkloadOptions;
  readonly transformer?: TransformerWorkloadOptions;
  /** Options of every objective workload (batch override). */
  readonly objective?: WorkloadOptions;
}

/** Builds the named benchmark workload on the active backend. */
export function createWorkload(model: ModelName, opts: WorkloadOptionsByModel = {}): TrainingWorkload {
  switch (model) {
    case 'cnn':
      return createCnnWorkload(opts.cnn);
    case 'transformer':
      return createTransformerWorkload(opts.transformer);
    default:
      return createObjectiveWorkload(model, opts.objective);
  }
}
