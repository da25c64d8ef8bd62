import { type Batch, tf } from '@pretext/core';
import { z } from 'zod';
import { AUGMENTATION_PRESETS, type TwoViews } from '../augment/presets.js';
import { viewAugmentationSchema } from '../augment/view-augmentation.js';

const positiveInt = z.number().int().positive();

/** `[height, width, channels]` of the images an objective trains on (channels 1 or 3). */
export const inputShapeSchema = z
  .tuple([positiveInt, positiveInt, z.union([z.literal(1), z.literal(3)])])
  .default([28, 28, 1]);

/** Seed of an objective's initialisers (a uint32). */
export const seedSchema = z.number().int().min(0).max(0xffffffff).default(0);

/**
 * The augmentations of a two-view objective: a preset name (`'simclr'`, `'byol'`), scaled to the
 * image size, or two explicit view pipelines.
 */
export const twoViewAugmentationSchema = z.union([
  z.enum(Object.keys(AUGMENTATION_PRESETS) as [keyof typeof AUGMENTATION_PRESETS]),
  z.tuple([viewAugmentationSchema, viewAugmentationSchema]),
]);

/** The two view pipelines that an augmentation setting stands for, for images of `inputShape`. */
export function resolveViews(setting: z.output<typeof twoViewAugmentationSchema>, inputShape: readonly number[]): TwoViews {
  if (typeof setting !== 'string') return setting;
  return AUGMENTATION_PRESETS[setting](Math.min(inputShape[0]!, inputShape[1]!));
}

/**
 * The images of a batch, checked against the objective's input shape.
 * @throws Error naming the objective when `x` is missing or has another shape.
 */
export function imagesOf(batch: Batch, inputShape: readonly number[], where: string): tf.Tensor4D {
  const x = batch.x;
  if (!x) throw new Error(`${where}: the batch has no 'x' (images [B, ${inputShape.join(', ')}])`);
  if (x.rank !== 4 || x.shape.slice(1).some((v, i) => v !== inputShape[i])) {
    throw new Error(`${where}: batch.x has shape [${x.shape.join(', ')}], expected [B, ${inputShape.join(', ')}]`);
  }
  if (x.dtype !== 'float32') throw new Error(`${where}: batch.x must be float32 in [0, 1], got ${x.dtype}`);
  return x as tf.Tensor4D;
}

/** The output width of an encoder with one `[B, D]` output. */
export function embeddingDim(encoder: tf.LayersModel, where: string): number {
  const shape = encoder.outputs[0]!.shape;
  const d = shape[1];
  if (encoder.outputs.length !== 1 || shape.length !== 2 || typeof d !== 'number') {
    throw new Error(`${where}: the encoder must have one [B, D] output, got ${JSON.stringify(encoder.outputs.map((o) => o.shape))}`);
  }
  return d;
}
