import { mixSeed, Rng, tf } from '@pretext/core';
import { rgbToGray } from './grayscale.js';
import { shiftHue } from './hue-shift.js';
import { blendByMask, perImage, perImageMask, perImageUniform, requireImages, requireProbability } from './random-draws.js';

/** Strengths of {@link colorJitter} (torchvision's `ColorJitter` arguments). */
export interface ColorJitterOptions {
  /** Brightness factor drawn in [max(0, 1 − b), 1 + b]: `x · f`. */
  readonly brightness: number;
  /** Contrast factor drawn in [max(0, 1 − c), 1 + c]: blend with the image's mean gray. */
  readonly contrast: number;
  /** Saturation factor drawn in [max(0, 1 − s), 1 + s]: blend with the gray image (RGB only). */
  readonly saturation: number;
  /** Hue shift drawn in [−h, h] turns, h ≤ 0.5 (RGB only). */
  readonly hue: number;
  /** Probability that an image is jittered at all (SimCLR/BYOL: 0.8). */
  readonly probability: number;
}

/**
 * Colour jitter as in SimCLR (Chen et al. 2020, appendix A) and BYOL: brightness, contrast,
 * saturation and hue, each with its own random factor per image, applied in a random order
 * (one order per batch, drawn from `seed`; torchvision draws one per image), clipped to [0, 1]
 * after each op; an image is jittered with probability `probability`, else left as it is.
 *
 * On 1-channel images saturation and hue are no-ops (gray has neither), as with torchvision on
 * grayscale images; brightness and contrast still apply.
 *
 * @param x - images `[B, H, W, C]` in [0, 1], C = 1 or 3.
 * @param seed - seed of the factors, the order and the per-image coin flips.
 */
export function colorJitter(x: tf.Tensor4D, seed: number, options: ColorJitterOptions): tf.Tensor4D {
  requireImages(x, 'colorJitter');
  const { brightness, contrast, saturation, hue, probability } = options;
  requireProbability(probability, 'colorJitter(probability)');
  for (const [name, v] of [['brightness', brightness], ['contrast', contrast], ['saturation', saturation]] as const) {
    if (!(v >= 0)) throw new Error(`colorJitter: ${name} must be ≥ 0, got ${v}`);
  }
  if (!(hue >= 0 && hue <= 0.5)) throw new Error(`colorJitter: hue must be in [0, 0.5], got ${hue}`);
  const rgb = x.shape[3] === 3;
  const b = x.shape[0];
  const factor = (strength: number, stream: number): tf.Tensor4D =>
    perImage(perImageUniform(b, Math.max(0, 1 - strength), 1 + strength, seed, stream));
  const ops: ((t: tf.Tensor4D) => tf.Tensor4D)[] = [];
  if (brightness > 0) ops.push((t) => tf.mul(t, factor(brightness, 1)));
  if (contrast > 0) {
    ops.push((t) => {
      const mean = tf.mean(rgb ? rgbToGray(t) : t, [1, 2, 3], true);
      return blend(t, mean, factor(contrast, 2));
    });
  }
  if (rgb && saturation > 0) ops.push((t) => blend(t, rgbToGray(t), factor(saturation, 3)));
  if (rgb && hue > 0) ops.push((t) => shiftHue(t, perImageUniform(b, -hue, hue, seed, 4)));
  if (ops.length === 0 || probability === 0) return tf.clone(x);
  const order = new Rng(mixSeed(seed, 5)).permutation(ops.length);
  return tf.tidy(() => {
    let t = x;
    for (const i of order) t = tf.clipByValue(ops[i]!(t), 0, 1);
    return probability === 1 ? t : blendByMask(perImageMask(b, probability, seed, 0), t, x);
  });
}

/** `f · x + (1 − f) · other` (torchvision's `_blend`, before clipping). */
function blend(x: tf.Tensor4D, other: tf.Tensor, f: tf.Tensor4D): tf.Tensor4D {
  return tf.add(tf.mul(f, x), tf.mul(tf.sub(1, f), other));
}
