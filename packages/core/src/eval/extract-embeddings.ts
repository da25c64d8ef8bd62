import * as tf from '@tensorflow/tfjs';

/**
 * Something that embeds a batch of inputs: a Layers model (run with `predict`, i.e. in inference
 * mode) or a function. A function must itself run in inference mode (e.g. call
 * `model.apply(x, { training: false })`) and must not dispose its input.
 */
export type Embedder = tf.LayersModel | ((x: tf.Tensor) => tf.Tensor);

/** Options of {@link extractEmbeddings}. */
export interface ExtractEmbeddingsOptions {
  /** Examples per forward pass (default 256). */
  readonly batchSize?: number;
}

/**
 * Embeds `inputs` (examples along axis 0) batch by batch and returns the `[N, D]` embeddings.
 *
 * Layers models run through `predict` (inference mode: dropout off, batch-norm moving
 * statistics). Each batch is computed inside `tf.tidy`, outputs of rank > 2 are flattened to
 * `[batch, D]`, and nothing but the result stays allocated. The caller owns the result.
 *
 * @example
 * ```ts
 * const feats = await extractEmbeddings(objective.encoder, images, { batchSize: 128 });
 * ```
 */
export async function extractEmbeddings(
  embed: Embedder,
  inputs: tf.Tensor,
  options: ExtractEmbeddingsOptions = {},
): Promise<tf.Tensor2D> {
  if (inputs.rank < 1) throw new Error('extractEmbeddings: inputs must have a batch axis (rank >= 1)');
  const forward = embedderFunction(embed);
  const rest = inputs.shape.slice(1);
  return embedInBatches(inputs.shape[0]!, options.batchSize ?? 256, 'extractEmbeddings', (start, size) =>
    forward(tf.slice(inputs, [start, ...rest.map(() => 0)], [size, ...rest])),
  );
}

/** Turns an {@link Embedder} into a function of a batch. */
export function embedderFunction(embed: Embedder): (x: tf.Tensor) => tf.Tensor {
  if (typeof embed === 'function') return embed;
  return (x) => {
    const out = embed.predict(x);
    if (Array.isArray(out)) {
      throw new Error(`extractEmbeddings: model '${embed.name}' has ${out.length} outputs; an encoder needs exactly one`);
    }
    return out as tf.Tensor;
  };
}

/**
 * Runs `embedSlice(start, size)` over `[0, count)` in batches of `batchSize`, each inside
 * `tf.tidy`, flattens each result to `[size, D]` and concatenates them. Shared by the embedding
 * paths of the evaluation protocols and monitors.
 */
export async function embedInBatches(
  count: number,
  batchSize: number,
  where: string,
  embedSlice: (start: number, size: number) => tf.Tensor,
): Promise<tf.Tensor2D> {
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new Error(`${where}: batchSize must be a positive integer, got ${batchSize}`);
  }
  if (count === 0) throw new Error(`${where}: no examples to embed`);
  const parts: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < count; start += batchSize) {
      const size = Math.min(batchSize, count - start);
      parts.push(
        tf.tidy(() => {
          const out = embedSlice(start, size);
          if (out.rank < 1 || out.shape[0] !== size) {
            throw new Error(`${where}: the embedder returned shape [${out.shape}] for a batch of ${size}`);
          }
          return tf.reshape(out, [size, -1]) as tf.Tensor2D;
        }),
      );
      // Let other work (and the backend's queue) run between batches.
      if (start + batchSize < count) await tf.nextFrame();
    }
    if (parts.length === 1) return parts.pop()!;
    return tf.concat(parts, 0);
  } finally {
    for (const p of parts) p.dispose();
  }
}
