import * as tf from '@tensorflow/tfjs';
import { Rng } from '../tensor/rng.js';
import { classCountOf, pickLabels, toClassIndices, type ClassLabels } from './class-labels.js';
import { classifierMetrics, softmaxCrossEntropy } from './classifier-metrics.js';
import { checkEarlyStopping, defaultBatchSize, fitWithEarlyStopping, type FitOutcome } from './early-stopping-fit.js';
import { stratifiedSplit } from './label-fraction-split.js';

/** Frozen features with their class labels. */
export interface LabeledFeatures {
  /** `[N, D]` features (e.g. from `extractEmbeddings`); not disposed. */
  readonly features: tf.Tensor2D;
  /** Class index per row. */
  readonly labels: ClassLabels;
}

/** Options of {@link linearProbe}. */
export interface LinearProbeOptions {
  /** Number of classes (default: largest label seen + 1). */
  readonly numClasses?: number;
  /** L2 penalty `l2 · ΣW²` on the weights, or a grid of them chosen on validation (default 1e-4). */
  readonly l2?: number | readonly number[];
  /** Adam learning rate (default 0.01; features are standardised unless `standardize` is false). */
  readonly learningRate?: number;
  /**
   * Standardise each feature with the training split's mean and std (default true: right for dense
   * embeddings). Pass false for sparse, already-normalised features such as TF-IDF rows, where a
   * term seen in one or two labeled documents would get a tiny std and blow up on test documents.
   */
  readonly standardize?: boolean;
  /** Examples per step (default 256, fewer on small sets: about 8 steps per epoch, at least 8). */
  readonly batchSize?: number;
  /** At most this many epochs (default 100). */
  readonly maxEpochs?: number;
  /** Early-stopping patience in epochs (default 10). */
  readonly patience?: number;
  /** Minimum validation-loss improvement (default 1e-4). */
  readonly minDelta?: number;
  /** Fraction of the train set held out, stratified, for early stopping (default 0.2). */
  readonly valFraction?: number;
  /** An explicit validation set instead of a split of the train set. */
  readonly validation?: LabeledFeatures;
  /** A test set whose accuracy is reported. */
  readonly test?: LabeledFeatures;
  /** Seed of the split, the initialisation and the shuffles (default 0). */
  readonly seed?: number;
}

/** One point of the L2 grid. */
export interface LinearProbeTrial {
  readonly l2: number;
  readonly valAccuracy: number;
  readonly valLoss: number;
  readonly epochs: number;
}

/** Result of {@link linearProbe}. */
export interface LinearProbeResult {
  /**
   * The trained classifier: one dense layer mapping RAW features to logits (the standardisation
   * is folded into its weights). The caller owns it (`head.dispose()`).
   */
  readonly head: tf.Sequential;
  /** The chosen L2 penalty. */
  readonly l2: number;
  /** Validation accuracy of the kept weights (NaN when the split left no validation example). */
  readonly valAccuracy: number;
  /** Test accuracy (NaN without `options.test`). */
  readonly testAccuracy: number;
  /** Epochs trained for the chosen L2. */
  readonly epochs: number;
  /** Epoch whose weights were kept. */
  readonly bestEpoch: number;
  /** Whether early stopping ended training before `maxEpochs`. */
  readonly stoppedEarly: boolean;
  /** Every L2 tried, in order. */
  readonly trials: LinearProbeTrial[];
}

/**
 * Linear evaluation protocol: multinomial logistic regression on FROZEN features (standardised
 * with the training split's mean and std), L2-penalised, trained by mini-batch Adam from a seeded
 * initialisation with seeded shuffles, early-stopped on a stratified validation split (best
 * weights restored). With a grid of L2 values, the one with the best validation accuracy (then
 * loss) wins. Deterministic for a seed on a given backend; leaves nothing allocated but the head.
 *
 * @example
 * ```ts
 * const probe = await linearProbe({ features: trainEmb, labels: trainY }, { test: { features: testEmb, labels: testY } });
 * console.log(probe.testAccuracy);
 * probe.head.dispose();
 * ```
 */
export async function linearProbe(train: LabeledFeatures, options: LinearProbeOptions = {}): Promise<LinearProbeResult> {
  const where = 'linearProbe';
  const [n, d] = train.features.shape;
  const y = toClassIndices(train.labels, `${where}(train.labels)`);
  if (y.length !== n) throw new Error(`${where}: ${y.length} labels for ${n} feature rows`);
  const valSet = options.validation;
  const testSet = options.test;
  for (const [name, set] of [['validation', valSet], ['test', testSet]] as const) {
    if (!set) continue;
    const [rows, dim] = set.features.shape;
    if (dim !== d) throw new Error(`${where}: ${name} features have dimension ${dim}, train ${d}`);
    if (set.labels.length !== rows) throw new Error(`${where}: ${name} has ${set.labels.length} labels for ${rows} rows`);
  }
  const yVal0 = valSet ? toClassIndices(valSet.labels, `${where}(validation.labels)`) : undefined;
  const yTest = testSet ? toClassIndices(testSet.labels, `${where}(test.labels)`) : undefined;
  const seen = Math.max(classCountOf(y), yVal0 ? classCountOf(yVal0) : 0, yTest ? classCountOf(yTest) : 0);
  const numClasses = options.numClasses ?? seen;
  if (!(Number.isInteger(numClasses) && numClasses >= seen && numClasses >= 2)) {
    throw new Error(`${where}: numClasses must be an integer >= 2 covering every label (max label + 1 = ${seen}), got ${numClasses}`);
  }
  const grid = typeof options.l2 === 'number' ? [options.l2] : [...(options.l2 ?? [1e-4])];
  if (grid.length === 0 || grid.some((v) => !(v >= 0))) throw new Error(`${where}: l2 must be >= 0 (or a non-empty grid of them)`);
  const lr = options.learningRate ?? 0.01;
  if (!(lr > 0)) throw new Error(`${where}: learningRate must be > 0, got ${lr}`);
  const seed = options.seed ?? 0;
  const split = valSet
    ? { train: Array.from({ length: n }, (_, i) => i), val: [] }
    : stratifiedSplit(y, options.valFraction ?? 0.2, seed);
  const fit = {
    batchSize: options.batchSize ?? defaultBatchSize(256, split.train.length),
    maxEpochs: options.maxEpochs ?? 100,
    patience: options.patience ?? 10,
    minDelta: options.minDelta ?? 1e-4,
  };
  checkEarlyStopping(fit, where);
  const yTrain = pickLabels(y, split.train);
  const yVal = yVal0 ?? pickLabels(y, split.val);
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  try {
    const xTrainRaw = keep(tf.gather(train.features, split.train));
    const { mean, std } = tf.tidy(() => {
      if (options.standardize === false) return { mean: keep(tf.zeros([xTrainRaw.shape[1]])), std: keep(tf.ones([xTrainRaw.shape[1]])) };
      const m = tf.moments(xTrainRaw, 0);
      const s = tf.sqrt(m.variance);
      return { mean: keep(m.mean), std: keep(tf.where(tf.greater(s, 1e-6), s, tf.onesLike(s))) };
    });
    const standardise = (x: tf.Tensor2D): tf.Tensor2D => keep(tf.tidy(() => tf.div(tf.sub(x, mean), std)));
    const xTrain = standardise(xTrainRaw);
    const xVal = valSet
      ? standardise(valSet.features)
      : split.val.length > 0
        ? standardise(keep(tf.gather(train.features, split.val)))
        : undefined;
    const yTrainT = keep(tf.tensor1d(yTrain, 'int32'));

    let chosen: { l2: number; outcome: FitOutcome; w: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> } | undefined;
    const trials: LinearProbeTrial[] = [];
    for (const l2 of grid) {
      const rng = new Rng(seed);
      const init = Float32Array.from({ length: d * numClasses }, () => 0.01 * rng.normal());
      // tidy frees the initial values; the variables survive it.
      const w = tf.tidy(() => tf.variable(tf.tensor2d(init, [d, numClasses]), true));
      const b = tf.tidy(() => tf.variable(tf.zeros<tf.Rank.R1>([numClasses]), true));
      const optimizer = tf.train.adam(lr);
      const logitsOf = (x: tf.Tensor): tf.Tensor2D => tf.add(tf.matMul(x as tf.Tensor2D, w), b);
      let outcome: FitOutcome;
      try {
        outcome = await fitWithEarlyStopping(
          {
            step: (positions) => {
              optimizer.minimize(() => {
                const idx = tf.tensor1d(positions, 'int32');
                const ce = softmaxCrossEntropy(logitsOf(tf.gather(xTrain, idx)), tf.gather(yTrainT, idx), numClasses);
                return l2 > 0 ? tf.add(ce, tf.mul(l2, tf.sum(tf.square(w)))) : ce;
              }, false, [w, b]);
            },
            validate: xVal ? () => classifierMetrics(logitsOf, xVal, yVal, numClasses, 4096) : undefined,
            snapshot: () => [w.clone(), b.clone()],
            restore: ([sw, sb]) => {
              w.assign(sw as tf.Tensor2D);
              b.assign(sb as tf.Tensor1D);
            },
          },
          split.train.length,
          fit,
          rng,
        );
      } finally {
        optimizer.dispose();
      }
      trials.push({ l2, valAccuracy: outcome.best.accuracy, valLoss: outcome.best.loss, epochs: outcome.epochs });
      const better =
        !chosen ||
        outcome.best.accuracy > chosen.outcome.best.accuracy ||
        (outcome.best.accuracy === chosen.outcome.best.accuracy && outcome.best.loss < chosen.outcome.best.loss);
      if (better) {
        chosen?.w.dispose();
        chosen?.b.dispose();
        chosen = { l2, outcome, w, b };
      } else {
        w.dispose();
        b.dispose();
      }
    }
    const best = chosen!;
    owned.push(best.w, best.b);
    const rawLogits = (x: tf.Tensor): tf.Tensor2D => tf.add(tf.matMul(tf.div(tf.sub(x, mean), std) as tf.Tensor2D, best.w), best.b);
    const testAccuracy = testSet ? (await classifierMetrics(rawLogits, testSet.features, yTest!, numClasses, 4096)).accuracy : NaN;
    return {
      head: foldedHead(best.w, best.b, mean, std),
      l2: best.l2,
      valAccuracy: best.outcome.best.accuracy,
      testAccuracy,
      epochs: best.outcome.epochs,
      bestEpoch: best.outcome.bestEpoch,
      stoppedEarly: best.outcome.stoppedEarly,
      trials,
    };
  } finally {
    for (const t of owned) t.dispose();
  }
}

/** A dense layer on raw features equal to `((x − mean) / std) · W + b`. */
function foldedHead(w: tf.Tensor2D, b: tf.Tensor1D, mean: tf.Tensor, std: tf.Tensor): tf.Sequential {
  const [d, c] = w.shape;
  const head = tf.sequential({ name: 'linear_probe', layers: [tf.layers.dense({ inputShape: [d], units: c })] });
  const [kernel, bias] = tf.tidy(() => {
    const scaled = tf.div(w, tf.reshape(std, [d, 1]));
    return [scaled, tf.sub(b, tf.squeeze(tf.matMul(tf.reshape(mean, [1, d]), scaled), [0]))];
  });
  head.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  return head;
}
