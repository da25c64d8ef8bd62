import * as tf from '@tensorflow/tfjs';

/** Mean cross-entropy and top-1 accuracy of a classifier on a labeled set. */
export interface ClassifierMetrics {
  readonly loss: number;
  readonly accuracy: number;
}

/**
 * Mean softmax cross-entropy of integer labels under logits (`[B, C]`); used by the training
 * loops of the probes. Must be called inside a tidy or a gradient tape.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, numClasses: number): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, numClasses), logits) as tf.Scalar;
}

/**
 * Loss and accuracy of `logitsOf` on `inputs` (examples along axis 0) with integer `labels`,
 * computed in batches inside `tf.tidy`; nothing stays allocated.
 */
export async function classifierMetrics(
  logitsOf: (x: tf.Tensor) => tf.Tensor2D,
  inputs: tf.Tensor,
  labels: Int32Array,
  numClasses: number,
  batchSize: number,
): Promise<ClassifierMetrics> {
  const n = inputs.shape[0]!;
  if (labels.length !== n) throw new Error(`classifierMetrics: ${labels.length} labels for ${n} inputs`);
  if (n === 0) return { loss: NaN, accuracy: NaN };
  const rest = inputs.shape.slice(1);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const sums = tf.tidy(() => {
      const logits = logitsOf(tf.slice(inputs, [start, ...rest.map(() => 0)], [size, ...rest]));
      const y = tf.tensor1d(labels.subarray(start, start + size), 'int32');
      const loss = tf.mul(softmaxCrossEntropy(logits, y, numClasses), size);
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32'));
      return tf.stack([loss, hits]);
    });
    const [l, h] = await sums.data();
    sums.dispose();
    lossSum += l!;
    correct += h!;
  }
  return { loss: lossSum / n, accuracy: correct / n };
}
