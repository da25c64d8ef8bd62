import { tf } from '@pretext/core';
import { buildResnetCnn, RESNET_CNN_DEFAULTS, type ResnetCnnConfig } from '../models/resnet-cnn.js';
import { requirePositiveInteger, type TrainingWorkload, type WorkloadOptions } from './training-workload.js';

/** Options of {@link createCnnWorkload}. */
export interface CnnWorkloadOptions extends WorkloadOptions {
  /** Overrides of the model's shape (tiny models for tests). */
  readonly model?: Partial<Omit<ResnetCnnConfig, 'seed'>>;
}

/** Default batch of the CNN benchmark. */
export const CNN_DEFAULT_BATCH = 128;

/**
 * The ResNet-style CNN on a fixed batch of seeded normal images with seeded random labels,
 * trained with Adam on softmax cross-entropy.
 */
export function createCnnWorkload(opts: CnnWorkloadOptions = {}): TrainingWorkload {
  const batch = requirePositiveInteger('createCnnWorkload', 'batch', opts.batch ?? CNN_DEFAULT_BATCH);
  const seed = opts.seed ?? 1;
  const learningRate = opts.learningRate ?? 1e-3;
  const model = buildResnetCnn({ ...opts.model, seed });
  const [h, w, c] = model.inputs[0]!.shape.slice(1) as [number, number, number];
  const classes = model.outputs[0]!.shape[1] as number;
  const x = tf.randomNormal([batch, h, w, c], 0, 1, 'float32', seed + 1000);
  const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([batch], 0, classes, 'int32', seed + 1001), classes));
  const optimizer = tf.train.adam(learningRate);
  const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const paramCount = model.countParams();

  return {
    model: 'cnn',
    unit: 'images',
    batch,
    paramCount,
    shape: { ...RESNET_CNN_DEFAULTS, ...opts.model, seed, learningRate },
    description: `ResNet-style CNN ${h}×${w}×${c}, ${paramCount} params, batch ${batch}, Adam ${learningRate}`,
    async step(): Promise<number> {
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        true,
        variables,
      );
      if (!loss) throw new Error('createCnnWorkload: optimizer.minimize returned no loss');
      try {
        return (await loss.data())[0]!;
      } finally {
        loss.dispose();
      }
    },
    dispose(): void {
      tf.dispose([x, labels]);
      optimizer.dispose();
      model.dispose();
    },
  };
}
