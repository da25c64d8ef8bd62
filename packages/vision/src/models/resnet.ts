import { tf } from '@pretext/core';
import { SeededInitializers } from './seeded-initializers.js';

/**
 * Batch-norm moving-average momentum of Pretext's vision models: 0.9, as SimCLR's reference code
 * (decay 0.9) and PyTorch (momentum 0.1). tfjs's default 0.99 leaves the moving statistics near
 * their initial values after the few hundred steps of a small run or a 1 %-label fine-tune, so
 * inference-mode outputs would not match training.
 */
export const BN_MOMENTUM = 0.9;

/** Configuration of {@link resnet}. */
export interface ResNetConfig {
  /** `[height, width, channels]` of the input images. */
  readonly inputShape: readonly [number, number, number];
  /** Channels of each stage (default [16, 32, 64]); stages after the first halve the resolution. */
  readonly widths?: readonly number[];
  /** Basic blocks per stage (default one per stage: ResNet-8 for three stages). */
  readonly blocks?: readonly number[];
  /**
   * Stride of the stem convolution (default 1, the CIFAR variant). 2 halves the resolution before
   * the first stage: about 4× less compute, for small images where full resolution buys little
   * (MNIST digits at 14×14 keep their strokes).
   */
  readonly stemStride?: 1 | 2;
  /** Seed of the initialisers (default 0). */
  readonly seed?: number;
  /** Model name (default `'resnet'`). */
  readonly name?: string;
}

/**
 * A ResNet for small images (He et al. 2016, the CIFAR variant of §4.2): a 3×3 stem convolution
 * without max-pooling, stages of BASIC blocks (two 3×3 conv + batch norm, identity shortcut, or a
 * strided 1×1 conv + batch norm where the shape changes), the first block of every stage after
 * the first with stride 2, and global average pooling. Output: `[B, widths[last]]`.
 * Initialisers are seeded (He-normal convolutions).
 *
 * `widths: [16, 32, 64], blocks: [3, 3, 3]` is the paper's ResNet-20.
 *
 * @example
 * ```ts
 * const encoder = resnet({ inputShape: [28, 28, 1], widths: [16, 32, 64], blocks: [1, 1, 1], seed: 1 });
 * ```
 */
export function resnet(config: ResNetConfig): tf.LayersModel {
  const widths = config.widths ?? [16, 32, 64];
  const blocks = config.blocks ?? widths.map(() => 1);
  const where = 'resnet';
  requireShape(config.inputShape, where);
  if (widths.length === 0 || widths.some((w) => !(Number.isInteger(w) && w > 0))) {
    throw new Error(`${where}: widths must be positive integers, got [${widths.join(', ')}]`);
  }
  if (blocks.length !== widths.length || blocks.some((n) => !(Number.isInteger(n) && n > 0))) {
    throw new Error(`${where}: blocks must give a positive block count for each of the ${widths.length} stages, got [${blocks.join(', ')}]`);
  }
  if (config.stemStride !== undefined && config.stemStride !== 1 && config.stemStride !== 2) {
    throw new Error(`${where}: stemStride must be 1 or 2, got ${String(config.stemStride)}`);
  }
  const init = new SeededInitializers(config.seed ?? 0);
  const input = tf.input({ shape: [...config.inputShape], name: 'image' });
  let x = convBn(input, widths[0]!, 3, config.stemStride ?? 1, 'stem', init);
  x = tf.layers.reLU({ name: 'stem_relu' }).apply(x) as tf.SymbolicTensor;
  widths.forEach((width, s) => {
    for (let b = 0; b < blocks[s]!; b++) {
      x = basicBlock(x, width, s > 0 && b === 0 ? 2 : 1, `stage${s + 1}_block${b + 1}`, init);
    }
  });
  const output = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: config.name ?? 'resnet' });
}

function basicBlock(x: tf.SymbolicTensor, width: number, stride: number, name: string, init: SeededInitializers): tf.SymbolicTensor {
  const inWidth = x.shape[x.shape.length - 1];
  let y = convBn(x, width, 3, stride, `${name}_a`, init);
  y = tf.layers.reLU({ name: `${name}_a_relu` }).apply(y) as tf.SymbolicTensor;
  y = convBn(y, width, 3, 1, `${name}_b`, init);
  const shortcut = stride !== 1 || inWidth !== width ? convBn(x, width, 1, stride, `${name}_proj`, init) : x;
  const sum = tf.layers.add({ name: `${name}_add` }).apply([y, shortcut]) as tf.SymbolicTensor;
  return tf.layers.reLU({ name: `${name}_relu` }).apply(sum) as tf.SymbolicTensor;
}

function convBn(x: tf.SymbolicTensor, filters: number, kernel: number, stride: number, name: string, init: SeededInitializers): tf.SymbolicTensor {
  const conv = tf.layers.conv2d({
    filters,
    kernelSize: kernel,
    strides: stride,
    padding: 'same',
    useBias: false,
    kernelInitializer: init.heNormal(),
    name: `${name}_conv`,
  });
  return tf.layers.batchNormalization({ momentum: BN_MOMENTUM, name: `${name}_bn` }).apply(conv.apply(x)) as tf.SymbolicTensor;
}

/** Checks an `[height, width, channels]` input shape, naming the caller. */
export function requireShape(shape: readonly number[], where: string): void {
  if (shape.length !== 3 || shape.some((v) => !(Number.isInteger(v) && v > 0))) {
    throw new Error(`${where}: inputShape must be [height, width, channels] of positive integers, got [${shape.join(', ')}]`);
  }
}
