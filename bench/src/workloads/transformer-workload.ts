import { tf } from '@pretext/core';
import { buildTransformerEncoder, type TransformerEncoderConfig } from '../models/transformer-encoder.js';
import { requirePositiveInteger, type TrainingWorkload, type WorkloadOptions } from './training-workload.js';

/** Options of {@link createTransformerWorkload}. */
export interface TransformerWorkloadOptions extends WorkloadOptions {
  /** Overrides of the encoder's shape (tiny models for tests, `--seq`). */
  readonly model?: Partial<Omit<TransformerEncoderConfig, 'seed'>>;
}

/** Default batch of the transformer benchmark. */
export const TRANSFORMER_DEFAULT_BATCH = 32;

/**
 * The transformer encoder on a fixed batch of seeded random token ids with seeded random
 * per-token targets, trained with Adam on softmax cross-entropy over the vocabulary.
 */
export function createTransformerWorkload(opts: TransformerWorkloadOptions = {}): TrainingWorkload {
  const batch = requirePositiveInteger('createTransformerWorkload', 'batch', opts.batch ?? TRANSFORMER_DEFAULT_BATCH);
  const seed = opts.seed ?? 1;
  const learningRate = opts.learningRate ?? 1e-3;
  const encoder = buildTransformerEncoder({ ...opts.model, seed });
  const { seqLength, vocabSize } = encoder.config;
  const ids = tf.randomUniform([batch, seqLength], 0, vocabSize, 'int32', seed + 1000) as tf.Tensor2D;
  const targets = tf.tidy(() =>
    tf.oneHot(tf.randomUniform([batch * seqLength], 0, vocabSize, 'int32', seed + 1001) as tf.Tensor1D, vocabSize),
  );
  const optimizer = tf.train.adam(learningRate);
  const c = encoder.config;

  return {
    model: 'transformer',
    unit: 'sequences',
    batch,
    paramCount: encoder.paramCount,
    shape: { ...c, learningRate },
    description:
      `transformer encoder ${c.layers} layers, d=${c.dModel}, ${c.heads} heads, ff ${c.ffDim}, ` +
      `vocab ${vocabSize}, seq ${seqLength}, ${encoder.paramCount} params, batch ${batch}, Adam ${learningRate}`,
    async step(): Promise<number> {
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(targets, encoder.apply(ids)) as tf.Scalar,
        true,
        [...encoder.variables],
      );
      if (!loss) throw new Error('createTransformerWorkload: optimizer.minimize returned no loss');
      try {
        return (await loss.data())[0]!;
      } finally {
        loss.dispose();
      }
    },
    dispose(): void {
      tf.dispose([ids, targets]);
      optimizer.dispose();
      encoder.dispose();
    },
  };
}
