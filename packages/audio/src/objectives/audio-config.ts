import { tf, type Batch } from '@pretext/core';
import { z } from 'zod';

/** Seed of an objective's initialisation (uint32, default 0). */
export const seedSchema = z.number().int().min(0).max(0xffffffff).default(0);

/** `[kernel, stride]` of one conv layer. */
const convSpecSchema = z.tuple([z.number().int().positive(), z.number().int().positive()]);

/**
 * The conv feature encoder's config: channels (default 512) and `[kernel, stride]` layers (default
 * the 10 ms stack `[[10,5],[8,4],[4,2],[4,2],[4,2]]`).
 */
export const convEncoderSchema = z.strictObject({
  channels: z.number().int().positive().default(512),
  layers: z.array(convSpecSchema).min(1).default([[10, 5], [8, 4], [4, 2], [4, 2], [4, 2]]),
  /** `'layer'` (every layer, over channels) or `'group'` (first layer, over time): see `convFeatureEncoder`. */
  norm: z.enum(['layer', 'group']).default('layer'),
});

/** The `wave` tensor of a batch, checked to be `[B, samples]` float32. */
export function waveOf(batch: Batch, where: string): tf.Tensor2D {
  const wave = batch.wave;
  if (!wave) throw new Error(`${where}: the batch has no 'wave' tensor ([B, samples] float32); got keys ${Object.keys(batch).join(', ') || '(none)'}`);
  if (wave.rank !== 2 || wave.dtype !== 'float32') {
    throw new Error(`${where}: 'wave' must be [B, samples] float32, got ${wave.dtype} [${wave.shape.join(', ')}]`);
  }
  return wave as tf.Tensor2D;
}

/** The tf.Variables behind the trainable weights of layers and models. */
export function trainableVariablesOf(...layers: tf.layers.Layer[]): tf.Variable[] {
  return layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
}
