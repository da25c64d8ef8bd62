import { tf } from '@pretext/core';
import { LayerNorm } from './layer-norm.js';
import { PositionEmbedding } from './position-embedding.js';
import { requireShape } from './resnet.js';
import { SeededInitializers } from './seeded-initializers.js';
import { transformerBlock } from './transformer-block.js';

/** Configuration of {@link vit}. */
export interface VitConfig {
  /** `[height, width, channels]`; height and width must be multiples of `patchSize`. */
  readonly inputShape: readonly [number, number, number];
  /** Side of the square patches (default 4: 49 patches on 28×28 MNIST). */
  readonly patchSize?: number;
  /** Token width D (default 64). */
  readonly dim?: number;
  /** Transformer blocks (default 4). */
  readonly depth?: number;
  /** Attention heads (default 4; must divide `dim`). */
  readonly heads?: number;
  /** MLP width as a multiple of `dim` (default 2). */
  readonly mlpRatio?: number;
  /** Seed of the initialisers (default 0). */
  readonly seed?: number;
  /** Model name (default `'vit'`). */
  readonly name?: string;
}

/** Layer names of a {@link vit} encoder that MAE runs piece by piece. */
export const VIT_LAYERS = { patchEmbed: 'patch_embed', patchTokens: 'patch_tokens', posEmbed: 'pos_embed', trunk: 'vit_trunk' } as const;

/**
 * A Vision Transformer for small images (Dosovitskiy et al. 2021): non-overlapping patches
 * embedded by a strided convolution, a LEARNABLE position embedding, `depth` pre-LN transformer
 * blocks with multi-head self-attention (a custom layer), a final layer norm, and mean pooling of
 * the tokens (no class token). Output: `[B, dim]`. Initialisers are seeded; the model saves and
 * loads with tfjs (its custom layers are registered).
 *
 * The blocks and final norm form a nested model, `vit_trunk`, that accepts any number of tokens:
 * MAE runs it on the visible patches only (see {@link vitParts}).
 *
 * @example
 * ```ts
 * const encoder = vit({ inputShape: [28, 28, 1], patchSize: 7, dim: 64, depth: 2, heads: 4, seed: 1 });
 * ```
 */
export function vit(config: VitConfig): tf.LayersModel {
  const where = 'vit';
  requireShape(config.inputShape, where);
  const [h, w] = config.inputShape;
  const p = config.patchSize ?? 4;
  const dim = config.dim ?? 64;
  const depth = config.depth ?? 4;
  const heads = config.heads ?? 4;
  const mlpRatio = config.mlpRatio ?? 2;
  for (const [name, v] of [['patchSize', p], ['dim', dim], ['depth', depth], ['heads', heads]] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`${where}: ${name} must be a positive integer, got ${v}`);
  }
  if (h % p !== 0 || w % p !== 0) throw new Error(`${where}: patchSize ${p} must divide the image size ${h}×${w}`);
  if (dim % heads !== 0) throw new Error(`${where}: heads (${heads}) must divide dim (${dim})`);
  if (!(mlpRatio > 0)) throw new Error(`${where}: mlpRatio must be > 0, got ${mlpRatio}`);
  const init = new SeededInitializers(config.seed ?? 0);
  const numPatches = (h / p) * (w / p);

  const image = tf.input({ shape: [...config.inputShape], name: 'image' });
  const patches = tf.layers
    .conv2d({ filters: dim, kernelSize: p, strides: p, padding: 'valid', kernelInitializer: init.glorotUniform(), name: VIT_LAYERS.patchEmbed })
    .apply(image) as tf.SymbolicTensor;
  const tokens = tf.layers.reshape({ targetShape: [numPatches, dim], name: VIT_LAYERS.patchTokens }).apply(patches) as tf.SymbolicTensor;
  const positioned = new PositionEmbedding({ seed: init.next(), name: VIT_LAYERS.posEmbed }).apply(tokens) as tf.SymbolicTensor;

  const trunkInput = tf.input({ shape: [null, dim], name: 'tokens' });
  let t = trunkInput;
  for (let i = 0; i < depth; i++) t = transformerBlock(t, { heads, mlpRatio, name: `block${i + 1}`, init });
  t = new LayerNorm({ name: 'norm' }).apply(t) as tf.SymbolicTensor;
  const trunk = tf.model({ inputs: trunkInput, outputs: t, name: VIT_LAYERS.trunk });

  const encoded = trunk.apply(positioned) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling1d({ name: 'pool' }).apply(encoded) as tf.SymbolicTensor;
  return tf.model({ inputs: image, outputs: pooled, name: config.name ?? 'vit' });
}

/** The pieces of a {@link vit} encoder, for objectives that work on tokens (MAE). */
export interface VitParts {
  /** Patch side. */
  readonly patchSize: number;
  /** Patches per image. */
  readonly numPatches: number;
  /** Token width D. */
  readonly dim: number;
  /** Images `[B, H, W, C]` → position-embedded patch tokens `[B, N, D]`. */
  readonly embedPatches: (x: tf.Tensor4D, training: boolean) => tf.Tensor3D;
  /** The transformer blocks and final norm: tokens `[B, n, D]` → `[B, n, D]`, any n. */
  readonly trunk: tf.LayersModel;
}

/**
 * Finds the pieces of an encoder built by {@link vit} (also after saving and loading it).
 * @throws Error when `encoder` is not such a ViT.
 */
export function vitParts(encoder: tf.LayersModel): VitParts {
  const find = (name: string): tf.layers.Layer => {
    try {
      return encoder.getLayer(name);
    } catch {
      throw new Error(`vitParts: encoder '${encoder.name}' has no layer '${name}'; MAE needs a ViT built by vit() from @pretext/vision`);
    }
  };
  const conv = find(VIT_LAYERS.patchEmbed);
  const reshape = find(VIT_LAYERS.patchTokens);
  const pos = find(VIT_LAYERS.posEmbed);
  const trunk = find(VIT_LAYERS.trunk);
  if (!(trunk instanceof tf.LayersModel)) throw new Error(`vitParts: layer '${VIT_LAYERS.trunk}' of '${encoder.name}' is not a model`);
  const convConfig = conv.getConfig() as { kernelSize?: number | number[]; filters?: number };
  const kernel = convConfig.kernelSize;
  const patchSize = Array.isArray(kernel) ? kernel[0]! : kernel!;
  const shape = reshape.outputShape as number[];
  return {
    patchSize,
    numPatches: shape[1]!,
    dim: shape[2]!,
    embedPatches: (x, training) =>
      tf.tidy(() => pos.apply(reshape.apply(conv.apply(x, { training }), { training }), { training }) as tf.Tensor3D),
    trunk,
  };
}
