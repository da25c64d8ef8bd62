import type { ClipConfigInput } from '../../src/index.js';

/** A tiny image–text CLIP on 8×8×1 images and a 20-token vocabulary. */
export const tinyImageText: ClipConfigInput = {
  a: { modality: 'image', inputShape: [8, 8, 1], encoder: { type: 'resnet', widths: [4, 4] } },
  b: { modality: 'text', encoder: { vocabSize: 20, maxLength: 6, dim: 8, depth: 1, heads: 2 } },
  embedDim: 4,
  seed: 3,
};
