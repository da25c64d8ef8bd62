import * as tf from '@tensorflow/tfjs';
import { requireFloat } from './shape-checks.js';

/** Options of {@link tokenCrossEntropyLoss}. */
export interface TokenCrossEntropyOptions {
  /** Label value whose tokens are excluded from the loss and from the mean (default −100). */
  readonly ignoreIndex?: number;
  /** Label smoothing ε ∈ [0, 1) (default 0), with PyTorch's convention (see the formula). */
  readonly labelSmoothing?: number;
}

const WHERE = 'tokenCrossEntropyLoss (losses/token-cross-entropy.ts)';

/**
 * Token-level softmax cross-entropy for language models (next-token prediction, masked language
 * modelling), with an ignore index and label smoothing (Szegedy, Vanhoucke, Ioffe, Shlens and
 * Wojna, "Rethinking the Inception Architecture for Computer Vision", 2015, arXiv:1512.00567),
 * matching `torch.nn.functional.cross_entropy(ignore_index, label_smoothing)`.
 *
 * With log pₜ = logSoftmax(logitsₜ) over the V classes, label yₜ and the set 𝒯 of tokens whose
 * label is not `ignoreIndex`:
 *
 * ```
 * ℓ(t) = (1 − ε)·(−log pₜ[yₜ]) + ε·(1 / V) Σ_c (−log pₜ[c])
 * L    = (1 / |𝒯|) Σ_{t ∈ 𝒯} ℓ(t)                       (0 when every token is ignored)
 * ```
 *
 * Labels must lie in [0, V) or equal `ignoreIndex`. They are not read back from the device to
 * check this, so an out-of-range label is not reported (its NLL term is not meaningful).
 *
 * @param logits - unnormalised scores, `[B, T, V]` or `[N, V]`.
 * @param labels - int32 class ids, `[B, T]` or `[N]` (the leading dimensions of `logits`).
 * @returns the scalar mean loss over non-ignored tokens, differentiable w.r.t. `logits`.
 */
export function tokenCrossEntropyLoss(
  logits: tf.Tensor,
  labels: tf.Tensor,
  options: TokenCrossEntropyOptions = {},
): tf.Scalar {
  const ignoreIndex = options.ignoreIndex ?? -100;
  const epsilon = options.labelSmoothing ?? 0;
  validate(logits, labels, ignoreIndex, epsilon);
  const v = logits.shape[logits.rank - 1]!;
  return tf.tidy(() => {
    const flatLogits = tf.reshape(logits, [-1, v]);
    const flatLabels = tf.reshape(labels, [-1]);
    const valid = tf.notEqual(flatLabels, tf.scalar(ignoreIndex, 'int32'));
    // Ignored tokens get class 0 so oneHot stays in range; their loss is zeroed by `weight`.
    const safe = tf.where(valid, flatLabels, tf.zerosLike(flatLabels));
    const logp = tf.logSoftmax(flatLogits);
    // oneHot · logp picks log p[y] (tf.gather's gradient needs a scatter that stock wasm lacks).
    const nll = tf.neg(tf.sum(tf.mul(tf.oneHot(safe, v), logp), 1));
    let perToken = nll;
    if (epsilon > 0) {
      const smooth = tf.neg(tf.mean(logp, 1));
      perToken = tf.add(tf.mul(1 - epsilon, nll), tf.mul(epsilon, smooth));
    }
    const weight = tf.cast(valid, 'float32');
    // max(count, 1): 0 rather than NaN when every token is ignored (tf.divNoNan is not differentiable).
    return tf.div(tf.sum(tf.mul(perToken, weight)), tf.maximum(tf.sum(weight), 1)) as tf.Scalar;
  });
}

function validate(logits: tf.Tensor, labels: tf.Tensor, ignoreIndex: number, epsilon: number): void {
  if (logits.rank !== 2 && logits.rank !== 3) {
    throw new Error(`${WHERE}: logits must be [B, T, V] or [N, V], got shape [${logits.shape.join(', ')}]`);
  }
  requireFloat(WHERE, 'logits', logits);
  if (labels.dtype !== 'int32') {
    throw new Error(`${WHERE}: labels must be int32 class ids, got ${labels.dtype}`);
  }
  const lead = logits.shape.slice(0, -1);
  if (labels.rank !== lead.length || labels.shape.some((d, i) => d !== lead[i])) {
    throw new Error(
      `${WHERE}: labels [${labels.shape.join(', ')}] must match the leading dimensions of logits ` +
        `[${logits.shape.join(', ')}], i.e. [${lead.join(', ')}]`,
    );
  }
  if (!Number.isInteger(ignoreIndex)) throw new Error(`${WHERE}: ignoreIndex must be an integer, got ${ignoreIndex}`);
  if (!(epsilon >= 0 && epsilon < 1)) {
    throw new Error(`${WHERE}: labelSmoothing must be in [0, 1), got ${epsilon}`);
  }
}
