import { mnist, type ImageDataset } from '@pretext/vision';
import { CaptionPairs } from './caption-pairs.js';
import { imageMedia } from './media-set.js';
import { MNIST_EVALUATION_TEMPLATES, MNIST_TRAINING_TEMPLATES, renderDigitCaption } from './mnist-templates.js';

/** Options of {@link mnistCaptions}. */
export interface MnistCaptionsOptions {
  /** Seed of vision's MNIST train/test split (default 0: the split every Pretext result uses). */
  readonly seed?: number;
  /** Test images (default 2,000). */
  readonly testSize?: number;
  /** Templates of the training captions (default {@link MNIST_TRAINING_TEMPLATES}). */
  readonly trainingTemplates?: readonly string[];
  /** Templates of the test captions (default {@link MNIST_EVALUATION_TEMPLATES}). */
  readonly evaluationTemplates?: readonly string[];
}

/** MNIST digits with template captions. */
export interface MnistCaptions {
  /** The 8,000 training digits, each captioned by every training template for its digit. */
  readonly train: CaptionPairs;
  /** The 2,000 test digits, each captioned by every evaluation template for its digit. */
  readonly test: CaptionPairs;
  /** The digits as vision's `mnist()` gives them (labels 0–9). */
  readonly images: { readonly train: ImageDataset; readonly test: ImageDataset };
  readonly trainingTemplates: readonly string[];
  readonly evaluationTemplates: readonly string[];
}

/**
 * Image–caption pairs from the MNIST digits of vision's `mnist()` (fixed 8,000 / 2,000 split),
 * captioned with varied templates ("a handwritten seven", "the digit 7", …): training images with
 * the training templates, test images with the disjoint evaluation templates, so that zero-shot
 * classification and text→image retrieval on the test set use prompts never seen in training.
 * Works offline. Labels (the digits) travel with the media for evaluation.
 */
export async function mnistCaptions(options: MnistCaptionsOptions = {}): Promise<MnistCaptions> {
  const { train, test } = await mnist({ ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.testSize !== undefined ? { testSize: options.testSize } : {}) });
  const trainingTemplates = options.trainingTemplates ?? MNIST_TRAINING_TEMPLATES;
  const evaluationTemplates = options.evaluationTemplates ?? MNIST_EVALUATION_TEMPLATES;
  const captioned = (set: ImageDataset, templates: readonly string[]): CaptionPairs => {
    const byDigit = Array.from({ length: 10 }, (_, d) => templates.map((t) => renderDigitCaption(t, d)));
    return new CaptionPairs(imageMedia(set), Array.from(set.labels!, (d) => byDigit[d]!));
  };
  return {
    train: captioned(train, trainingTemplates),
    test: captioned(test, evaluationTemplates),
    images: { train, test },
    trainingTemplates,
    evaluationTemplates,
  };
}
