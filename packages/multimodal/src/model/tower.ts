import { cpcEncoder } from '@pretext/audio';
import { tf } from '@pretext/core';
import { textTransformer } from '@pretext/text';
import { AUGMENTATION_PRESETS, buildEncoder, deriveSeed, SEED_PURPOSE, type ViewAugmentation } from '@pretext/vision';
import { projectionHead } from './projection-head.js';
import type { Modality, TowerConfig } from './tower-config.js';

/** Which tower of a dual encoder: `a` (whose encoder is the objective's `encoder`) or `b`. */
export type TowerSide = 'a' | 'b';

/** One built tower of a dual encoder: an encoder, its projection head and its training augmentation. */
export interface Tower {
  readonly side: TowerSide;
  readonly modality: Modality;
  /** The batch field it reads. */
  readonly key: string;
  readonly config: TowerConfig;
  /** Input → representation `[B, D_enc]` (what probes and transfer use). */
  readonly encoder: tf.LayersModel;
  /** Representation → shared embedding space `[B, embedDim]` (not normalised). */
  readonly projector: tf.LayersModel;
  /** The view pipeline applied to images during training, or `null`. */
  readonly augmentation: ViewAugmentation | null;
}

/**
 * Builds a tower from its config: the encoder of the modality's package and a projection head to
 * `embedDim`, initialised from `seed` (encoder and head get separate derived seeds).
 */
export function buildTower(side: TowerSide, config: TowerConfig, embedDim: number, seed: number): Tower {
  const encoderSeed = deriveSeed(seed, SEED_PURPOSE.init, side === 'a' ? 0 : 2);
  const headSeed = deriveSeed(seed, SEED_PURPOSE.init, side === 'a' ? 1 : 3);
  const prefix = `clip_${side}`;
  let encoder: tf.LayersModel;
  let augmentation: ViewAugmentation | null = null;
  if (config.modality === 'image') {
    encoder = buildEncoder(config.encoder, config.inputShape, encoderSeed, `${prefix}_image_encoder`);
    const a = config.augmentation;
    augmentation = typeof a === 'string' ? AUGMENTATION_PRESETS[a](Math.min(config.inputShape[0], config.inputShape[1]))[0] : a;
  } else if (config.modality === 'text') {
    if (config.encoder.dim % config.encoder.heads !== 0) {
      throw new Error(`clip: tower ${side}: encoder.heads (${config.encoder.heads}) must divide encoder.dim (${config.encoder.dim})`);
    }
    encoder = textTransformer({ ...config.encoder, seed: encoderSeed }, false, `${prefix}_text_encoder`);
  } else {
    encoder = cpcEncoder({ encoder: config.encoder.encoder, context: config.encoder.context }, encoderSeed).encoder;
  }
  const projector = projectionHead(outputWidth(encoder, side), config.projection, embedDim, headSeed, `${prefix}_projection`);
  return { side, modality: config.modality, key: config.key, config, encoder, projector, augmentation };
}

/**
 * The input of `tower` in `batch`, checked against what the tower's encoder accepts.
 * @throws Error naming `where`, the tower, the key and the expected shape and dtype.
 */
export function towerInput(tower: Tower, batch: Readonly<Record<string, tf.Tensor>>, where: string): tf.Tensor {
  const x = batch[tower.key];
  const keys = Object.keys(batch).join(', ') || '(none)';
  if (!x) throw new Error(`${where}: the batch has no '${tower.key}' for tower ${tower.side} (${tower.modality}); its keys are ${keys}`);
  checkTowerInput(tower, x, where);
  return x;
}

/**
 * Checks that `x` is an input of `tower`: images `[B, H, W, C]` float32 of the tower's shape,
 * token ids `[B, T]` int32 with T ≤ maxLength, waveforms `[B, samples]` float32.
 * @throws Error naming `where`, the tower and the problem.
 */
export function checkTowerInput(tower: Tower, x: tf.Tensor, where: string): void {
  const what = `${where}: tower ${tower.side} (${tower.modality}) input '${tower.key}'`;
  const got = `${x.dtype} [${x.shape.join(', ')}]`;
  const c = tower.config;
  if (c.modality === 'image') {
    if (x.rank !== 4 || x.dtype !== 'float32' || x.shape.slice(1).some((v, i) => v !== c.inputShape[i])) {
      throw new Error(`${what} must be float32 images [B, ${c.inputShape.join(', ')}] in [0, 1], got ${got}`);
    }
  } else if (c.modality === 'text') {
    if (x.rank !== 2 || x.dtype !== 'int32') throw new Error(`${what} must be int32 token ids [B, T], got ${got}`);
    if (x.shape[1]! > c.encoder.maxLength) throw new Error(`${what} has ${x.shape[1]} tokens per row, more than encoder.maxLength (${c.encoder.maxLength})`);
  } else if (x.rank !== 2 || x.dtype !== 'float32') {
    throw new Error(`${what} must be float32 waveforms [B, samples], got ${got}`);
  }
}

function outputWidth(encoder: tf.LayersModel, side: TowerSide): number {
  const shape = encoder.outputs[0]!.shape;
  const d = shape[1];
  if (encoder.outputs.length !== 1 || shape.length !== 2 || typeof d !== 'number') {
    throw new Error(`clip: tower ${side}: the encoder must have one [B, D] output, got ${JSON.stringify(encoder.outputs.map((o) => o.shape))}`);
  }
  return d;
}
