import { tf } from '@pretext/core';
import { z } from 'zod';
import { colorJitter } from './color-jitter.js';
import { deriveSeed, SEED_PURPOSE } from './derive-seed.js';
import { randomGaussianBlur } from './gaussian-blur.js';
import { randomGrayscale } from './grayscale.js';
import { randomHorizontalFlip } from './horizontal-flip.js';
import { requireImages } from './random-draws.js';
import { randomResizedCrop } from './random-resized-crop.js';
import { randomSolarize } from './solarize.js';

const probability = z.number().min(0).max(1);
const range = (name: string) =>
  z.tuple([z.number().positive(), z.number().positive()]).refine(([a, b]) => a <= b, { error: `${name}: min must be ≤ max` });

/**
 * Zod schema of one view's augmentation pipeline (JSON, as objective configs hold it). A `null`
 * step is skipped. See {@link ViewAugmentation}.
 */
export const viewAugmentationSchema = z.strictObject({
  crop: z
    .strictObject({
      scale: range('crop.scale').refine(([, b]) => b <= 1, { error: 'crop.scale: max must be ≤ 1' }),
      ratio: range('crop.ratio'),
    })
    .nullable(),
  flip: probability,
  colorJitter: z
    .strictObject({
      probability,
      brightness: z.number().min(0),
      contrast: z.number().min(0),
      saturation: z.number().min(0),
      hue: z.number().min(0).max(0.5),
    })
    .nullable(),
  grayscale: probability,
  blur: z
    .strictObject({
      probability,
      sigma: range('blur.sigma'),
      kernelSize: z.number().int().positive().refine((k) => k % 2 === 1, { error: 'blur.kernelSize must be odd' }),
    })
    .nullable(),
  solarize: z.strictObject({ probability, threshold: z.number().min(0).max(1) }).nullable(),
});

/**
 * One view's augmentation pipeline, applied in this order (as in SimCLR and BYOL): random resized
 * crop → horizontal flip → colour jitter → random grayscale → Gaussian blur → solarize.
 */
export type ViewAugmentation = z.output<typeof viewAugmentationSchema>;

/**
 * Augments a batch of images with one pipeline, entirely with batched tensor ops on the active
 * backend. Deterministic: step k draws from `deriveSeed(seed, SEED_PURPOSE.op, k)`, so the same images and seed give
 * the same views, and changing one step's settings leaves the others' draws unchanged.
 *
 * @param x - images `[B, H, W, C]` in [0, 1], C = 1 or 3 (not disposed).
 * @param seed - the view's seed, e.g. `deriveSeed(ctx.seed, SEED_PURPOSE.view, viewIndex)`.
 * @returns a new `[B, H, W, C]` tensor in [0, 1].
 */
export function augmentView(x: tf.Tensor4D, augmentation: ViewAugmentation, seed: number): tf.Tensor4D {
  requireImages(x, 'augmentView');
  const { crop, flip, colorJitter: jitter, grayscale, blur, solarize } = augmentation;
  return tf.tidy(() => {
    let t = x;
    if (crop) t = randomResizedCrop(t, deriveSeed(seed, SEED_PURPOSE.op, 0), { scale: crop.scale, ratio: crop.ratio });
    if (flip > 0) t = randomHorizontalFlip(t, deriveSeed(seed, SEED_PURPOSE.op, 1), flip);
    if (jitter) t = colorJitter(t, deriveSeed(seed, SEED_PURPOSE.op, 2), jitter);
    if (grayscale > 0) t = randomGrayscale(t, deriveSeed(seed, SEED_PURPOSE.op, 3), grayscale);
    if (blur) t = randomGaussianBlur(t, deriveSeed(seed, SEED_PURPOSE.op, 4), blur);
    if (solarize) t = randomSolarize(t, deriveSeed(seed, SEED_PURPOSE.op, 5), solarize.probability, solarize.threshold);
    return t === x ? tf.clone(x) : t;
  });
}
