import { cpcConfigSchema } from '@pretext/audio';
import { textTransformerSchema } from '@pretext/text';
import { AUGMENTATION_PRESETS, encoderConfigSchema, inputShapeSchema, viewAugmentationSchema } from '@pretext/vision';
import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** The batch key each modality reads unless a tower names another: images `x`, token ids `tokens`, waveforms `wave`. */
export const DEFAULT_TOWER_KEYS = { image: 'x', text: 'tokens', audio: 'wave' } as const;

/** A modality a tower can encode. */
export type Modality = keyof typeof DEFAULT_TOWER_KEYS;

/**
 * Zod schema of a tower's projection head, from the encoder's `[B, D_enc]` output to the shared
 * embedding space: `{ type: 'linear' }` (CLIP's bias-free projection matrix, the default) or
 * `{ type: 'mlp', hidden, batchNorm? }` (`Dense(hidden) → [BN] → ReLU → Dense(embedDim)`).
 */
export const projectionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('linear') }),
  z.strictObject({ type: z.literal('mlp'), hidden: positiveInt, batchNorm: z.boolean().default(false) }),
]);

/** A projection head's config, defaults filled. */
export type ProjectionConfig = z.output<typeof projectionSchema>;

const keySchema = (modality: Modality) => z.string().min(1, { error: 'key must not be empty' }).default(DEFAULT_TOWER_KEYS[modality]);
const projection = projectionSchema.default({ type: 'linear' });

/**
 * An image tower: a `@pretext/vision` encoder (ResNet or ViT) over `[B, H, W, C]` float32 images in
 * [0, 1], optionally augmented during training (never when embedding) with one view pipeline: a
 * preset name (`'digits'`, `'simclr'`, `'byol'`: its first view, scaled to the image side), an
 * explicit {@link ViewAugmentation} or `null` (the default: no augmentation).
 */
export const imageTowerSchema = z.strictObject({
  modality: z.literal('image'),
  key: keySchema('image'),
  inputShape: inputShapeSchema,
  encoder: encoderConfigSchema.prefault({ type: 'resnet' }),
  augmentation: z
    .union([z.enum(Object.keys(AUGMENTATION_PRESETS) as [keyof typeof AUGMENTATION_PRESETS]), viewAugmentationSchema])
    .nullable()
    .default(null),
  projection,
});

/**
 * A text tower: `@pretext/text`'s bidirectional transformer (`textTransformer(config, false)`) over
 * int32 token ids `[B, T]` (T ≤ `encoder.maxLength`, `[PAD]` = 0), mean-pooled to `[B, D]`.
 * `encoder.vocabSize` is the tokenizer's `vocabSize`; its seed comes from the CLIP config's `seed`.
 */
export const textTowerSchema = z.strictObject({
  modality: z.literal('text'),
  key: keySchema('text'),
  encoder: textTransformerSchema.omit({ seed: true }),
  projection,
});

/**
 * An audio tower: `@pretext/audio`'s CPC encoder (`cpcEncoder(config).encoder`: strided conv
 * features → GRU → time average) over float32 waveforms `[B, samples]`. `encoder` takes the
 * `encoder` and `context` fields of a CPC config (CPC's defaults: 512 conv channels, 256 GRU units).
 */
export const audioTowerSchema = z.strictObject({
  modality: z.literal('audio'),
  key: keySchema('audio'),
  encoder: cpcConfigSchema.pick({ encoder: true, context: true }).prefault({}),
  projection,
});

/** Zod schema of one tower of a dual encoder, a union on `modality`. */
export const towerSchema = z.discriminatedUnion('modality', [imageTowerSchema, textTowerSchema, audioTowerSchema]);

/** One tower's config, defaults filled. */
export type TowerConfig = z.output<typeof towerSchema>;

/** One tower's config as a user writes it. */
export type TowerConfigInput = z.input<typeof towerSchema>;
