import '@pretext/audio';
import '@pretext/multimodal';
import '@pretext/text';
import '@pretext/vision';
import { createObjective, tf } from '@pretext/core';
import { OBJECTIVE_WORKLOADS } from './objective-inputs.js';
import { requirePositiveInteger, type ObjectiveModelName, type TrainingWorkload, type WorkloadOptions } from './training-workload.js';

/**
 * One registered objective (imported packages register them) on a fixed seeded batch: a step is
 * what the Trainer does — `optimizer.minimize(objective.loss)` over its trainable variables with
 * Adam, then `afterStep` (BYOL's EMA) — with a step counter feeding the objective's randomness.
 */
export function createObjectiveWorkload(name: ObjectiveModelName, opts: WorkloadOptions = {}): TrainingWorkload {
  const spec = OBJECTIVE_WORKLOADS[name];
  const batch = requirePositiveInteger('createObjectiveWorkload', 'batch', opts.batch ?? spec.batch);
  const seed = opts.seed ?? 1;
  const learningRate = opts.learningRate ?? 1e-3;
  const objective = createObjective(name, { ...spec.config, seed });
  const inputs = spec.makeBatch(batch, seed + 1000);
  const optimizer = tf.train.adam(learningRate);
  const variables = objective.trainableVariables();
  const paramCount = variables.reduce((n, v) => n + v.size, 0);
  let step = 0;
  return {
    model: name,
    unit: spec.unit,
    batch,
    paramCount,
    shape: { objective: name, config: JSON.stringify(spec.config), seed, learningRate },
    description: `${name} objective, ${paramCount} trainable params, batch ${batch} ${spec.unit}, Adam ${learningRate}`,
    async step(): Promise<number> {
      const ctx = { step, totalSteps: 1_000_000, seed: seed * 100_003 + step };
      const loss = optimizer.minimize(() => objective.loss(inputs, ctx), true, variables);
      if (!loss) throw new Error('createObjectiveWorkload: optimizer.minimize returned no loss');
      try {
        objective.afterStep?.(ctx);
        step += 1;
        return (await loss.data())[0]!;
      } finally {
        loss.dispose();
      }
    },
    dispose(): void {
      tf.dispose(Object.values(inputs));
      optimizer.dispose();
      objective.dispose();
    },
  };
}
