import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './l2-normalize.js';
import { requireFloat, requirePositive, requireRank, requireSameShape } from './shape-checks.js';

/** Options of {@link clipLoss}. */
export interface ClipLossOptions {
  /** Upper bound on the logit scale `exp(logScale)` (default 100, as in CLIP). */
  readonly maxScale?: number;
  /**
   * L2-normalise the embeddings inside the loss (default `true`). Pass `false` only if they are
   * already unit-norm.
   */
  readonly normalize?: boolean;
}

const WHERE = 'clipLoss (losses/clip-loss.ts)';

/**
 * The initial value of CLIP's learnable log logit scale, `log(1 / 0.07)` ≈ 2.6593 (temperature
 * 0.07, from Wu et al. 2018). Create the parameter with
 * `tf.tidy(() => tf.variable(tf.scalar(initialLogitScale())))` (the tidy frees the initial scalar).
 */
export function initialLogitScale(): number {
  return Math.log(1 / 0.07);
}

/**
 * The symmetric contrastive loss of CLIP: Radford, Kim, Hallacy, Ramesh, Goh, Agarwal et al.,
 * "Learning Transferable Visual Models From Natural Language Supervision", 2021,
 * arXiv:2103.00020.
 *
 * With unit-norm image and text embeddings îᵢ, t̂ⱼ, the learnable scale `s = min(exp(logScale),
 * maxScale)` and logits `Sᵢⱼ = s · îᵢ·t̂ⱼ` (pair i is the positive of row and column i):
 *
 * ```
 * L_img  = (1 / B) Σᵢ [ −Sᵢᵢ + log Σⱼ exp Sᵢⱼ ]      image → text cross-entropy (rows)
 * L_text = (1 / B) Σⱼ [ −Sⱼⱼ + log Σᵢ exp Sᵢⱼ ]      text → image cross-entropy (columns)
 * L      = (L_img + L_text) / 2
 * ```
 *
 * **Clamp.** The clamp is applied to the log scale, `s = exp(min(logScale, log maxScale))`, so a
 * huge `logScale` cannot overflow `exp`. While `logScale > log maxScale` the loss uses s =
 * maxScale and the gradient w.r.t. `logScale` is exactly 0 (the optimizer stops moving it,
 * momentum aside), whereas the embeddings keep receiving their full gradient, scaled by maxScale.
 * (OpenCLIP instead clamps the parameter in place after each step; the forward value is the same.)
 * With B = 1 the loss is 0.
 *
 * @param imageEmbeds - image embeddings, `[B, D]`.
 * @param textEmbeds - text embeddings, `[B, D]` (row i pairs with image row i).
 * @param logScale - the learnable log logit scale, a scalar tensor or variable (shape `[]` or
 *   `[1]`), initialised to {@link initialLogitScale}.
 * @returns the scalar loss, differentiable w.r.t. both embeddings and `logScale`.
 */
export function clipLoss(
  imageEmbeds: tf.Tensor,
  textEmbeds: tf.Tensor,
  logScale: tf.Tensor,
  options: ClipLossOptions = {},
): tf.Scalar {
  const maxScale = options.maxScale ?? 100;
  const normalize = options.normalize ?? true;
  requireRank(WHERE, 'imageEmbeds', imageEmbeds, 2, '[B, D]');
  requireSameShape(WHERE, 'imageEmbeds', imageEmbeds, 'textEmbeds', textEmbeds);
  requireFloat(WHERE, 'imageEmbeds', imageEmbeds);
  requireFloat(WHERE, 'textEmbeds', textEmbeds);
  requireFloat(WHERE, 'logScale', logScale);
  if (logScale.size !== 1 || logScale.rank > 1) {
    throw new Error(`${WHERE}: logScale must be a scalar ([] or [1]), got shape [${logScale.shape.join(', ')}]`);
  }
  requirePositive(WHERE, 'maxScale', maxScale);
  return tf.tidy(() => {
    const img = normalize ? l2Normalize(imageEmbeds) : imageEmbeds;
    const txt = normalize ? l2Normalize(textEmbeds) : textEmbeds;
    const scale = tf.exp(tf.minimum(tf.reshape(logScale, []), Math.log(maxScale)));
    const logits = tf.mul(scale, tf.matMul(img, txt, false, true)); // [B, B], rows = images
    const diag = tf.mul(scale, tf.sum(tf.mul(img, txt), 1));
    const imageToText = tf.mean(tf.sub(tf.logSumExp(logits, 1), diag));
    const textToImage = tf.mean(tf.sub(tf.logSumExp(logits, 0), diag));
    return tf.div(tf.add(imageToText, textToImage), 2) as tf.Scalar;
  });
}
