import * as tf from '@tensorflow/tfjs';
import type { Batch, Objective } from '../objective/objective.js';
import { embedInBatches } from './extract-embeddings.js';

/**
 * Inputs for an objective's embedding: a {@link Batch} of named tensors (examples along axis 0 of
 * each) or a single tensor, which stands for `{ x: tensor }`.
 */
export type EmbeddingInputs = Batch | tf.Tensor;

/** Number of examples in {@link EmbeddingInputs}; every tensor of a batch must agree. */
export function exampleCount(inputs: EmbeddingInputs, where: string): number {
  const batch = asBatch(inputs);
  const sizes = Object.entries(batch).map(([name, t]) => [name, t.shape[0]] as const);
  if (sizes.length === 0) throw new Error(`${where}: the input batch has no tensors`);
  const n = sizes[0]![1];
  for (const [name, size] of sizes) {
    if (size === undefined || size !== n) {
      throw new Error(`${where}: input '${name}' has ${size} examples, expected ${n} like '${sizes[0]![0]}'`);
    }
  }
  return n!;
}

/**
 * Embeds `inputs` with an objective in batches, as evaluation sees it: `objective.embed(batch)`
 * when the objective defines it, else `objective.encoder.predict(batch.x)` (inference mode).
 * Outputs of rank > 2 are flattened; the caller owns the `[N, D]` result.
 */
export async function embedWithObjective(
  objective: Objective,
  inputs: EmbeddingInputs,
  batchSize = 256,
): Promise<tf.Tensor2D> {
  const where = `embedWithObjective(${objective.name})`;
  const batch = asBatch(inputs);
  const n = exampleCount(batch, where);
  return embedInBatches(n, batchSize, where, (start, size) => {
    const slice: Record<string, tf.Tensor> = {};
    for (const [name, t] of Object.entries(batch)) {
      slice[name] = tf.slice(t, [start, ...t.shape.slice(1).map(() => 0)], [size, ...t.shape.slice(1)]);
    }
    if (objective.embed) return objective.embed(slice);
    const x = slice.x;
    if (!x) throw new Error(`${where}: the objective has no embed() and the batch has no 'x' for encoder.predict`);
    const out = objective.encoder.predict(x);
    if (Array.isArray(out)) throw new Error(`${where}: the encoder has ${out.length} outputs; expected one`);
    return out as tf.Tensor;
  });
}

function asBatch(inputs: EmbeddingInputs): Batch {
  return inputs instanceof tf.Tensor ? { x: inputs } : inputs;
}
