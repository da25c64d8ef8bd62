import * as tf from '@tensorflow/tfjs';
import { Rng } from '../tensor/rng.js';
import { classCountOf, pickLabels, toClassIndices, type ClassLabels } from './class-labels.js';
import { classifierMetrics, softmaxCrossEntropy } from './classifier-metrics.js';
import { checkEarlyStopping, defaultBatchSize, fitWithEarlyStopping } from './early-stopping-fit.js';
import { stratifiedSplit } from './label-fraction-split.js';

/** Inputs (examples along axis 0, what the encoder takes) with their class labels. */
export interface LabeledExamples {
  /** Encoder inputs, e.g. `[N, H, W, C]` images; not disposed. */
  readonly inputs: tf.Tensor;
  /** Class index per example. */
  readonly labels: ClassLabels;
}

/** Options shared by `fineTune` and `supervisedBaseline`: the head and its early-stopped training. */
export interface EncoderClassifierOptions {
  /** Number of classes (default: largest label seen + 1). */
  readonly numClasses?: number;
  /** Adam learning rate of the head (default 1e-3); the encoder's is scaled from it. */
  readonly learningRate?: number;
  /** L2 penalty `l2 · ΣW²` on the head's kernel (default 0). */
  readonly l2?: number;
  /** Examples per step (default 64, fewer on small sets: about 8 steps per epoch, at least 8). */
  readonly batchSize?: number;
  /** At most this many epochs (default 50). */
  readonly maxEpochs?: number;
  /** Early-stopping patience in epochs (default 5). */
  readonly patience?: number;
  /** Minimum validation-loss improvement (default 1e-4). */
  readonly minDelta?: number;
  /** Fraction of the train set held out, stratified, for early stopping (default 0.2). */
  readonly valFraction?: number;
  /** An explicit validation set instead of a split of the train set. */
  readonly validation?: LabeledExamples;
  /** A test set whose accuracy is reported. */
  readonly test?: LabeledExamples;
  /** Seed of the split, the head's initialisation and the shuffles (default 0). */
  readonly seed?: number;
  /** Examples per forward pass when scoring validation and test sets (default 256). */
  readonly evalBatchSize?: number;
}

/** A trained encoder + linear head and how it scored. */
export interface EncoderClassifierResult {
  /** The trained encoder (a copy or a fresh model, never the caller's); the caller disposes it. */
  readonly encoder: tf.LayersModel;
  /** The linear head on the flattened encoder output; the caller disposes it. */
  readonly head: tf.Sequential;
  /** Validation accuracy of the kept weights (NaN when the split left no validation example). */
  readonly valAccuracy: number;
  /** Validation accuracy before training (encoder as given, freshly initialised head). */
  readonly initialValAccuracy: number;
  /** Test accuracy (NaN without `options.test`). */
  readonly testAccuracy: number;
  /** Epochs trained. */
  readonly epochs: number;
  /** Epoch whose weights were kept. */
  readonly bestEpoch: number;
  /** Whether early stopping ended training before `maxEpochs`. */
  readonly stoppedEarly: boolean;
}

/**
 * Trains `encoder` (in training mode, with Adam at `learningRate · encoderLrScale`) together with
 * a new seeded linear head (Adam at `learningRate`) on labeled examples, early-stopped on a
 * stratified validation split with the best weights restored. Trains `encoder` IN PLACE: callers
 * pass a copy or a fresh model. `where` names the caller in errors.
 */
export async function trainEncoderClassifier(
  encoder: tf.LayersModel,
  train: LabeledExamples,
  options: EncoderClassifierOptions,
  encoderLrScale: number,
  where: string,
): Promise<EncoderClassifierResult> {
  const n = train.inputs.shape[0] ?? 0;
  const y = toClassIndices(train.labels, `${where}(train.labels)`);
  if (y.length !== n) throw new Error(`${where}: ${y.length} labels for ${n} inputs`);
  if (n < 2) throw new Error(`${where}: need at least 2 training examples, got ${n}`);
  const yVal0 = options.validation ? toClassIndices(options.validation.labels, `${where}(validation.labels)`) : undefined;
  const yTest = options.test ? toClassIndices(options.test.labels, `${where}(test.labels)`) : undefined;
  for (const [name, set, labels] of [['validation', options.validation, yVal0], ['test', options.test, yTest]] as const) {
    if (set && labels!.length !== set.inputs.shape[0]) {
      throw new Error(`${where}: ${name} has ${labels!.length} labels for ${set.inputs.shape[0]} inputs`);
    }
  }
  const seen = Math.max(classCountOf(y), yVal0 ? classCountOf(yVal0) : 0, yTest ? classCountOf(yTest) : 0);
  const numClasses = options.numClasses ?? seen;
  if (!(Number.isInteger(numClasses) && numClasses >= seen && numClasses >= 2)) {
    throw new Error(`${where}: numClasses must be an integer >= 2 covering every label (max label + 1 = ${seen}), got ${numClasses}`);
  }
  const lr = options.learningRate ?? 1e-3;
  const l2 = options.l2 ?? 0;
  if (!(lr > 0)) throw new Error(`${where}: learningRate must be > 0, got ${lr}`);
  if (!(encoderLrScale >= 0)) throw new Error(`${where}: encoderLrScale must be >= 0, got ${encoderLrScale}`);
  if (!(l2 >= 0)) throw new Error(`${where}: l2 must be >= 0, got ${l2}`);
  const evalBatch = options.evalBatchSize ?? 256;
  const seed = options.seed ?? 0;
  const rng = new Rng(seed);
  const split = options.validation
    ? { train: Array.from({ length: n }, (_, i) => i), val: [] }
    : stratifiedSplit(y, options.valFraction ?? 0.2, seed);
  const fit = {
    batchSize: options.batchSize ?? defaultBatchSize(64, split.train.length),
    maxEpochs: options.maxEpochs ?? 50,
    patience: options.patience ?? 5,
    minDelta: options.minDelta ?? 1e-4,
  };
  checkEarlyStopping(fit, where);
  const featureDim = tf.tidy(() => {
    const out = encoder.predict(tf.slice(train.inputs, 0, 1));
    if (Array.isArray(out)) throw new Error(`${where}: the encoder has ${out.length} outputs; expected one`);
    return (out as tf.Tensor).size;
  });
  const head = linearHead(featureDim, numClasses, rng);
  const features = (x: tf.Tensor, training: boolean): tf.Tensor2D => {
    const out = encoder.apply(x, { training }) as tf.Tensor;
    return tf.reshape(out, [out.shape[0]!, -1]);
  };
  const logitsOf = (x: tf.Tensor, training: boolean): tf.Tensor2D => head.apply(features(x, training)) as tf.Tensor2D;

  const owned: tf.Tensor[] = [];
  const headOpt = tf.train.adam(lr);
  const encoderOpt = encoderLrScale > 0 ? tf.train.adam(lr * encoderLrScale) : undefined;
  try {
    const xTrain = options.validation ? train.inputs : tf.gather(train.inputs, split.train);
    if (xTrain !== train.inputs) owned.push(xTrain);
    const yTrainT = tf.tensor1d(pickLabels(y, split.train), 'int32');
    owned.push(yTrainT);
    let xVal: tf.Tensor | undefined = options.validation?.inputs;
    if (!xVal && split.val.length > 0) owned.push((xVal = tf.gather(train.inputs, split.val)));
    const yVal = yVal0 ?? pickLabels(y, split.val);

    const headVars = trainableVariables(head);
    const encoderVars = encoderOpt ? trainableVariables(encoder) : [];
    const allWeights = [...encoder.weights, ...head.weights];
    const outcome = await fitWithEarlyStopping(
      {
        step: (positions) => {
          const { value, grads } = tf.variableGrads(() => {
            const idx = tf.tensor1d(positions, 'int32');
            const ce = softmaxCrossEntropy(logitsOf(tf.gather(xTrain, idx), true), tf.gather(yTrainT, idx), numClasses);
            return l2 > 0 ? tf.add(ce, tf.mul(l2, tf.sum(tf.square(headVars[0]!)))) : ce;
          }, [...headVars, ...encoderVars]);
          headOpt.applyGradients(pick(grads, headVars));
          encoderOpt?.applyGradients(pick(grads, encoderVars));
          value.dispose();
          tf.dispose(grads);
        },
        validate: xVal ? () => classifierMetrics((x) => logitsOf(x, false), xVal!, yVal, numClasses, evalBatch) : undefined,
        snapshot: () => allWeights.map((w) => w.read().clone()),
        restore: (weights) => allWeights.forEach((w, i) => w.write(weights[i]!)),
      },
      split.train.length,
      fit,
      rng,
    );
    const testAccuracy = options.test
      ? (await classifierMetrics((x) => logitsOf(x, false), options.test.inputs, yTest!, numClasses, evalBatch)).accuracy
      : NaN;
    return {
      encoder,
      head,
      valAccuracy: outcome.best.accuracy,
      initialValAccuracy: outcome.initial.accuracy,
      testAccuracy,
      epochs: outcome.epochs,
      bestEpoch: outcome.bestEpoch,
      stoppedEarly: outcome.stoppedEarly,
    };
  } catch (e) {
    head.dispose();
    throw e;
  } finally {
    headOpt.dispose();
    encoderOpt?.dispose();
    for (const t of owned) t.dispose();
  }
}

/** A dense `dim → classes` layer with a seeded Glorot-uniform kernel and zero bias. */
function linearHead(dim: number, classes: number, rng: Rng): tf.Sequential {
  const head = tf.sequential({ name: 'classifier_head', layers: [tf.layers.dense({ inputShape: [dim], units: classes })] });
  const limit = Math.sqrt(6 / (dim + classes));
  const kernel = tf.tensor2d(Float32Array.from({ length: dim * classes }, () => rng.uniform(-limit, limit)), [dim, classes]);
  const bias = tf.zeros([classes]);
  head.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  return head;
}

/** The tf.Variables behind a model's trainable weights (kernel first for a dense head). */
function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => {
    const v = w.read();
    if (!(v instanceof tf.Variable)) throw new Error(`weight ${w.name} of ${model.name} is not a tf.Variable`);
    return v;
  });
}

/** The gradients of `vars`, in the form `optimizer.applyGradients` takes. */
function pick(grads: tf.NamedTensorMap, vars: readonly tf.Variable[]): { name: string; tensor: tf.Tensor }[] {
  return vars.flatMap((v) => (grads[v.name] ? [{ name: v.name, tensor: grads[v.name]! }] : []));
}
