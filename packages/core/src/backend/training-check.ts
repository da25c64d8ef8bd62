import * as tf from '@tensorflow/tfjs';

/** Result of {@link trainingCheck}. */
export interface TrainingCheckResult {
  readonly steps: number;
  readonly batchSize: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  /** Median milliseconds per step after the first (compilation/allocation) step. */
  readonly msPerStep: number;
  readonly samplesPerSec: number;
  /** `tf.memory().numTensors` after the last step minus after the first: 0 when nothing leaks. */
  readonly leakedTensors: number;
}

/**
 * Trains a small conv net (conv, batch norm, max-pool, dense — the kernels SSL encoders use) on a
 * fixed random batch of 28×28×1 images for a few Adam steps on the active backend, and reports
 * whether the loss falls, how fast a step is and whether tensors leak. `pretext doctor` runs it.
 */
export async function trainingCheck(opts: { steps?: number; batchSize?: number; seed?: number } = {}): Promise<TrainingCheckResult> {
  const steps = opts.steps ?? 12;
  const batchSize = opts.batchSize ?? 32;
  const seed = opts.seed ?? 7;
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed + s });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, padding: 'same', kernelInitializer: init(1) }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(2) }),
      tf.layers.reLU(),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 10, kernelInitializer: init(3) }),
    ],
  });
  const x = tf.randomUniform([batchSize, 28, 28, 1], 0, 1, 'float32', seed);
  const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([batchSize], 0, 10, 'int32', seed + 1), 10));
  const optimizer = tf.train.adam(1e-2);
  const losses: number[] = [];
  const times: number[] = [];
  let tensorsAfterFirst = 0;
  let leakedTensors = 0;
  try {
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        true,
      )!;
      losses.push((await loss.data())[0]!);
      loss.dispose();
      times.push(performance.now() - t0);
      if (i === 0) tensorsAfterFirst = tf.memory().numTensors;
    }
    leakedTensors = tf.memory().numTensors - tensorsAfterFirst;
  } finally {
    tf.dispose([x, labels]);
    optimizer.dispose();
    model.dispose();
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const msPerStep = warm.length ? warm[Math.floor(warm.length / 2)]! : times[0]!;
  return {
    steps, batchSize, firstLoss: losses[0]!, lastLoss: losses.at(-1)!,
    msPerStep, samplesPerSec: (batchSize * 1000) / msPerStep, leakedTensors,
  };
}
