import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../losses/l2-normalize.js';
import { classCountOf, classificationAccuracy, toClassIndices, type ClassLabels } from './class-labels.js';

/** Options of {@link knnPredict} and {@link knnClassify}. */
export interface KnnOptions {
  /** Neighbours per query (default 200, as InstDisc and solo-learn); capped at the train size. */
  readonly k?: number;
  /**
   * Temperature T of the vote weights `exp(sim / T)` (default 0.07). Small T lets the closest
   * neighbours dominate; `Infinity` gives every neighbour the same vote.
   */
  readonly temperature?: number;
  /** Number of classes (default: largest train label + 1). */
  readonly numClasses?: number;
  /** Queries per similarity matmul (default 256). */
  readonly batchSize?: number;
}

/** Result of {@link knnClassify}. */
export interface KnnResult {
  /** Predicted class per query. */
  readonly predictions: Int32Array;
  /** Top-1 accuracy against the query labels. */
  readonly accuracy: number;
}

/**
 * Weighted k-nearest-neighbour classification of embeddings (Wu et al. 2018, "Unsupervised
 * Feature Learning via Non-Parametric Instance Discrimination"; the monitor of solo-learn and
 * lightly): cosine similarity between L2-normalised embeddings, the k most similar train
 * embeddings per query (`tf.topk`), each voting for its class with weight `exp(sim / T)`; the
 * class with the largest total wins (ties: lowest class index).
 *
 * Queries are processed in batches inside `tf.tidy`; inputs are not disposed.
 *
 * @param trainEmbeddings `[N, D]` bank of labeled embeddings.
 * @param trainLabels class index per bank row.
 * @param queries `[M, D]` embeddings to classify.
 */
export async function knnPredict(
  trainEmbeddings: tf.Tensor2D,
  trainLabels: ClassLabels,
  queries: tf.Tensor2D,
  options: KnnOptions = {},
): Promise<Int32Array> {
  const [n, d] = trainEmbeddings.shape;
  if (trainLabels.length !== n) {
    throw new Error(`knnPredict: ${trainLabels.length} trainLabels for ${n} trainEmbeddings`);
  }
  if (n === 0) throw new Error('knnPredict: trainEmbeddings is empty');
  if (queries.shape[1] !== d) {
    throw new Error(`knnPredict: queries have dimension ${queries.shape[1]}, trainEmbeddings ${d}`);
  }
  const labels = toClassIndices(trainLabels, 'knnPredict(trainLabels)');
  const numClasses = options.numClasses ?? classCountOf(labels);
  if (classCountOf(labels) > numClasses) {
    throw new Error(`knnPredict: a train label is >= numClasses (${numClasses})`);
  }
  const k = Math.min(options.k ?? 200, n);
  const temperature = options.temperature ?? 0.07;
  const batchSize = options.batchSize ?? 256;
  if (!(Number.isInteger(k) && k > 0)) throw new Error(`knnPredict: k must be a positive integer, got ${options.k}`);
  if (!(temperature > 0)) throw new Error(`knnPredict: temperature must be > 0, got ${temperature}`);
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new Error(`knnPredict: batchSize must be a positive integer, got ${batchSize}`);
  }

  const m = queries.shape[0];
  const out = new Int32Array(m);
  const [bank, bankLabels] = tf.tidy(() => [l2Normalize(trainEmbeddings), tf.tensor1d(labels, 'int32')] as const);
  try {
    for (let start = 0; start < m; start += batchSize) {
      const size = Math.min(batchSize, m - start);
      const pred = tf.tidy(() => {
        const q = l2Normalize(tf.slice(queries, [start, 0], [size, d]));
        const sim = tf.matMul(q, bank, false, true);
        const { values, indices } = tf.topk(sim, k);
        // exp((s - s_max) / T): the common factor exp(-s_max / T) leaves the vote unchanged.
        const shifted = tf.sub(values, tf.max(values, 1, true));
        const weights = temperature === Infinity ? tf.onesLike(values) : tf.exp(tf.div(shifted, temperature));
        const votes = tf.oneHot(tf.gather(bankLabels, indices), numClasses);
        const scores = tf.sum(tf.mul(votes, tf.expandDims(weights, 2)), 1);
        return tf.argMax(scores, 1);
      });
      out.set(await pred.data(), start);
      pred.dispose();
    }
  } finally {
    bank.dispose();
    bankLabels.dispose();
  }
  return out;
}

/**
 * {@link knnPredict} plus the accuracy on labeled queries: the kNN evaluation of
 * self-supervised embeddings.
 *
 * @example
 * ```ts
 * const { accuracy } = await knnClassify(trainEmb, trainY, testEmb, testY, { k: 20 });
 * ```
 */
export async function knnClassify(
  trainEmbeddings: tf.Tensor2D,
  trainLabels: ClassLabels,
  queries: tf.Tensor2D,
  queryLabels: ClassLabels,
  options: KnnOptions = {},
): Promise<KnnResult> {
  if (queryLabels.length !== queries.shape[0]) {
    throw new Error(`knnClassify: ${queryLabels.length} queryLabels for ${queries.shape[0]} queries`);
  }
  const predictions = await knnPredict(trainEmbeddings, trainLabels, queries, options);
  return { predictions, accuracy: classificationAccuracy(predictions, queryLabels) };
}
