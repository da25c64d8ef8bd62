import type { tf } from '@pretext/core';
import { z } from 'zod';
import { resnet } from './resnet.js';
import { vit } from './vit.js';

const positiveInt = z.number().int().positive();

/** Zod schema of a ResNet encoder in an objective config (see {@link resnet}). */
export const resnetEncoderSchema = z.strictObject({
  type: z.literal('resnet'),
  widths: z.array(positiveInt).min(1).default([16, 32, 64]),
  /** Blocks per stage; default one per stage. */
  blocks: z.array(positiveInt).min(1).optional(),
  /** Stride of the stem convolution (1 or 2, default 1; see {@link resnet}). */
  stemStride: z.union([z.literal(1), z.literal(2)]).optional(),
});

/** Zod schema of a ViT encoder in an objective config (see {@link vit}). */
export const vitEncoderSchema = z.strictObject({
  type: z.literal('vit'),
  patchSize: positiveInt.default(4),
  dim: positiveInt.default(64),
  depth: positiveInt.default(4),
  heads: positiveInt.default(4),
  mlpRatio: z.number().positive().default(2),
});

/** Zod schema of the `encoder` field of the vision objectives' configs. */
export const encoderConfigSchema = z.discriminatedUnion('type', [resnetEncoderSchema, vitEncoderSchema]);

/** An encoder architecture as JSON, e.g. `{ type: 'resnet', widths: [16, 32, 64] }`. */
export type EncoderConfig = z.output<typeof encoderConfigSchema>;

/** An encoder architecture as a user writes it (defaults may be left out). */
export type EncoderConfigInput = z.input<typeof encoderConfigSchema>;

/**
 * Builds an encoder from its JSON description, for images of `inputShape`, seeded with `seed`.
 * @throws Error naming the invalid field.
 */
export function buildEncoder(config: EncoderConfigInput, inputShape: readonly [number, number, number], seed: number, name?: string): tf.LayersModel {
  const parsed = encoderConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${['encoder', ...i.path.map(String)].join('.')}: ${i.message}`).join('\n');
    throw new Error(`buildEncoder: invalid encoder config:\n${issues}`);
  }
  const c = parsed.data;
  if (c.type === 'resnet') {
    return resnet({ inputShape, widths: c.widths, ...(c.blocks ? { blocks: c.blocks } : {}), ...(c.stemStride ? { stemStride: c.stemStride } : {}), seed, ...(name ? { name } : {}) });
  }
  return vit({ inputShape, patchSize: c.patchSize, dim: c.dim, depth: c.depth, heads: c.heads, mlpRatio: c.mlpRatio, seed, ...(name ? { name } : {}) });
}
