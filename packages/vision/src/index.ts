/**
 * `@pretext/vision`: SimCLR, BYOL and MAE on images — image folders decoded with sharp and the
 * MNIST split, batched tensor augmentations with SimCLR/BYOL presets, ResNet and ViT encoders.
 * Importing it registers the objectives `simclr`, `byol` and `mae` with `@pretext/core`.
 */
export { decodeImage, type DecodeOptions } from './data/decode-image.js';
export { ImageDataset, type ImageBatchOptions, type ImageDatasetInit } from './data/image-dataset.js';
export { imageFolder, type ImageFolderOptions, type ImageFolderResult, type SkippedImage } from './data/image-folder.js';
export { IMAGE_EXTENSIONS, listImageFiles, type ImageFileList } from './data/list-image-files.js';
export { mnist, type MnistOptions, type MnistSplit } from './data/mnist.js';
export { stratifiedHoldout, type HoldoutSplit } from './data/stratified-holdout.js';

export { writeAugmentationGrid, type AugmentationGrid, type AugmentationGridOptions, type Augmenter } from './augment/augmentation-grid.js';
export { deriveSeed, SEED_PURPOSE } from './augment/derive-seed.js';
export { colorJitter, type ColorJitterOptions } from './augment/color-jitter.js';
export { randomGaussianBlur, type GaussianBlurOptions } from './augment/gaussian-blur.js';
export { randomGrayscale, rgbToGray } from './augment/grayscale.js';
export { randomHorizontalFlip } from './augment/horizontal-flip.js';
export { shiftHue } from './augment/hue-shift.js';
export {
  AUGMENTATION_PRESETS,
  byolAugmentations,
  digitsAugmentations,
  simclrAugmentations,
  SMALL_IMAGE_SIDE,
  type AugmentationPreset,
  type TwoViews,
} from './augment/presets.js';
export { randomResizedCrop, type RandomResizedCropOptions } from './augment/random-resized-crop.js';
export { randomSolarize } from './augment/solarize.js';
export { augmentView, viewAugmentationSchema, type ViewAugmentation } from './augment/view-augmentation.js';

export {
  buildEncoder,
  encoderConfigSchema,
  resnetEncoderSchema,
  vitEncoderSchema,
  type EncoderConfig,
  type EncoderConfigInput,
} from './models/encoder-config.js';
export { LayerNorm, type LayerNormArgs } from './models/layer-norm.js';
export { MultiHeadSelfAttention, type MultiHeadSelfAttentionArgs } from './models/multi-head-self-attention.js';
export { PositionEmbedding, type PositionEmbeddingArgs } from './models/position-embedding.js';
export { BN_MOMENTUM, resnet, type ResNetConfig } from './models/resnet.js';
export { SeededInitializers } from './models/seeded-initializers.js';
export { transformerBlock, type TransformerBlockOptions } from './models/transformer-block.js';
export { VIT_LAYERS, vit, vitParts, type VitConfig, type VitParts } from './models/vit.js';

export { Byol, byolConfigSchema, type ByolConfig, type ByolConfigInput } from './objectives/byol.js';
export { Mae, maeConfigSchema, type MaeConfig, type MaeConfigInput } from './objectives/mae.js';
export { maeDecoder, maeDecoderSchema, type MaeDecoder, type MaeDecoderConfig } from './objectives/mae-decoder.js';
export { copyWeights, emaUpdate, mirroredWeights, type WeightPair } from './objectives/mirrored-weights.js';
export { mlpHead, mlpHeadSchema, type MlpHeadConfig } from './objectives/mlp-head.js';
export { cosineMomentum } from './objectives/momentum-schedule.js';
export { patchify } from './objectives/patchify.js';
export { gatherTokens, randomMasking, type PatchMask } from './objectives/random-masking.js';
export { registerVisionObjectives } from './objectives/register-objectives.js';
export { Simclr, simclrConfigSchema, type SimclrConfig, type SimclrConfigInput } from './objectives/simclr.js';
export { inputShapeSchema, twoViewAugmentationSchema } from './objectives/vision-config.js';

import { registerVisionObjectives } from './objectives/register-objectives.js';

registerVisionObjectives();
