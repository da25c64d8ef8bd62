import type { ViewAugmentation } from './view-augmentation.js';

/** The two view pipelines of a two-view objective. */
export type TwoViews = readonly [ViewAugmentation, ViewAugmentation];

/** Images at most this many pixels on their shorter side count as small (CIFAR, MNIST). */
export const SMALL_IMAGE_SIDE = 32;

const crop = { scale: [0.08, 1] as [number, number], ratio: [3 / 4, 4 / 3] as [number, number] };

/**
 * SimCLR's augmentations (Chen et al. 2020, appendix A): random resized crop (area 8–100 %,
 * ratio 3/4–4/3), flip 0.5, colour jitter with probability 0.8 at strength s (brightness,
 * contrast, saturation 0.8·s, hue 0.2·s), grayscale 0.2, Gaussian blur with probability 0.5
 * (σ ∈ [0.1, 2.0], kernel 10 % of the side); the two views share the pipeline.
 *
 * Scaled to small images as the paper does for CIFAR-10 (appendix B.9): for sides ≤ 32 px,
 * strength s = 0.5 and no blur. Larger images get s = 1 and blur with σ scaled by side / 224.
 *
 * @param side - the image side (the smaller of height and width).
 */
export function simclrAugmentations(side: number): TwoViews {
  requireSide(side, 'simclrAugmentations');
  const small = side <= SMALL_IMAGE_SIDE;
  const s = small ? 0.5 : 1;
  const view: ViewAugmentation = {
    crop,
    flip: 0.5,
    colorJitter: { probability: 0.8, brightness: 0.8 * s, contrast: 0.8 * s, saturation: 0.8 * s, hue: 0.2 * s },
    grayscale: 0.2,
    blur: small ? null : { probability: 0.5, ...blurFor(side) },
    solarize: null,
  };
  return [view, view];
}

/**
 * BYOL's asymmetric augmentations (Grill et al. 2020, table 6): both views get random resized
 * crop, flip 0.5, colour jitter with probability 0.8 (brightness 0.4, contrast 0.4, saturation
 * 0.2, hue 0.1) and grayscale 0.2; Gaussian blur with probability 1.0 / 0.1 and solarization
 * with probability 0 / 0.2 for view 1 / view 2.
 *
 * Scaled to small images: the blur kernel is 10 % of the side (at least 3 px) and σ ∈ [0.1, 2.0]
 * is scaled by side / 224 (the paper's 23-px kernel at 224 px), so its relative strength is the
 * paper's.
 *
 * @param side - the image side (the smaller of height and width).
 */
export function byolAugmentations(side: number): TwoViews {
  requireSide(side, 'byolAugmentations');
  const base = {
    crop,
    flip: 0.5,
    colorJitter: { probability: 0.8, brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1 },
    grayscale: 0.2,
  };
  const blur = blurFor(side);
  return [
    { ...base, blur: { probability: 1, ...blur }, solarize: null },
    { ...base, blur: { probability: 0.1, ...blur }, solarize: { probability: 0.2, threshold: 0.5 } },
  ];
}

/**
 * Augmentations for grayscale, centred, orientation-bearing images such as handwritten digits
 * (MNIST): the SimCLR/BYOL recipes assume natural photos, where an 8 % crop still shows an object
 * part, flips keep the class and colour carries information to discard. On a 28-px digit an 8 %
 * crop is a blank 8-px patch, a flip turns a 2 into a different shape and colour does not exist.
 * This preset keeps the part of the recipe that carries over: random resized crop over 35–100 % of
 * the area (ratio 3/4–4/3, i.e. shift, zoom and stretch), brightness and contrast jitter with
 * probability 0.8, Gaussian blur with probability 0.5 and, on the second view, solarization with
 * probability 0.2 (BYOL's asymmetry); no flip, hue, saturation or grayscale.
 *
 * @param side - the image side (the smaller of height and width).
 */
export function digitsAugmentations(side: number): TwoViews {
  requireSide(side, 'digitsAugmentations');
  const blur = blurFor(side);
  const base = {
    crop: { scale: [0.35, 1] as [number, number], ratio: crop.ratio },
    flip: 0,
    colorJitter: { probability: 0.8, brightness: 0.4, contrast: 0.4, saturation: 0, hue: 0 },
    grayscale: 0,
    blur: { probability: 0.5, sigma: [0.1, Math.max(0.5, blur.sigma[1])] as [number, number], kernelSize: blur.kernelSize },
  };
  return [
    { ...base, solarize: null },
    { ...base, solarize: { probability: 0.2, threshold: 0.5 } },
  ];
}

/** The named presets objective configs accept. */
export const AUGMENTATION_PRESETS = { simclr: simclrAugmentations, byol: byolAugmentations, digits: digitsAugmentations } as const;

/** Name of a preset of {@link AUGMENTATION_PRESETS}. */
export type AugmentationPreset = keyof typeof AUGMENTATION_PRESETS;

/** Blur kernel (odd, ≈10 % of the side, ≥ 3) and σ range scaled from the papers' 224-px setting. */
function blurFor(side: number): { sigma: [number, number]; kernelSize: number } {
  const kernelSize = Math.max(3, 2 * Math.floor(Math.round(side * 0.1) / 2) + 1);
  const scale = Math.min(1, side / 224);
  return { sigma: [0.1 * scale, 2.0 * scale], kernelSize };
}

function requireSide(side: number, where: string): void {
  if (!(Number.isInteger(side) && side > 0)) throw new Error(`${where}: side must be a positive integer, got ${side}`);
}
