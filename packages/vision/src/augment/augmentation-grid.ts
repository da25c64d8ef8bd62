import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tf } from '@pretext/core';
import sharp from 'sharp';
import { deriveSeed, SEED_PURPOSE } from './derive-seed.js';
import { requireImages } from './random-draws.js';
import { augmentView, type ViewAugmentation } from './view-augmentation.js';

/** Something that augments a batch: a pipeline, a list of per-view pipelines, or a function. */
export type Augmenter =
  | ViewAugmentation
  | readonly ViewAugmentation[]
  | ((x: tf.Tensor4D, seed: number) => tf.Tensor4D);

/** Options of {@link writeAugmentationGrid}. */
export interface AugmentationGridOptions {
  /** Augmented views per image (columns after the original; default 4). */
  readonly views?: number;
  /** Seed: view j is drawn with `deriveSeed(seed, SEED_PURPOSE.grid, j)` (default 0). */
  readonly seed?: number;
  /** Integer upscaling of every pixel, nearest neighbour (default: images at least 96 px). */
  readonly scale?: number;
  /** Gap between cells in (unscaled) pixels, drawn in mid gray (default 1). */
  readonly gap?: number;
}

/** What {@link writeAugmentationGrid} wrote. */
export interface AugmentationGrid {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  /** Rows (one per input image) and columns (the original, then the views). */
  readonly rows: number;
  readonly columns: number;
}

/**
 * Writes a PNG grid for a person to look at augmentations: one row per input image, the original
 * in the first column, then `views` augmented views (view j drawn with seed `deriveSeed(seed, SEED_PURPOSE.grid, j)`
 * and, for a list of pipelines, pipeline `j mod length`, so that BYOL's two asymmetric views
 * alternate). Composed with tensor ops, encoded with sharp.
 *
 * @param file - the PNG to write (its folder is created).
 * @param images - `[B, H, W, C]` in [0, 1], C = 1 or 3 (not disposed).
 * @example
 * ```ts
 * await writeAugmentationGrid('views.png', train.images([0, 1, 2, 3]), simclrAugmentations(28));
 * ```
 */
export async function writeAugmentationGrid(
  file: string,
  images: tf.Tensor4D,
  augment: Augmenter,
  options: AugmentationGridOptions = {},
): Promise<AugmentationGrid> {
  requireImages(images, 'writeAugmentationGrid');
  const views = options.views ?? 4;
  const gap = options.gap ?? 1;
  const seed = options.seed ?? 0;
  const [b, h, w, c] = images.shape;
  const scale = options.scale ?? Math.max(1, Math.ceil(96 / Math.min(h, w)));
  if (!(Number.isInteger(views) && views >= 1)) throw new Error(`writeAugmentationGrid: views must be a positive integer, got ${views}`);
  if (!(Number.isInteger(scale) && scale >= 1)) throw new Error(`writeAugmentationGrid: scale must be a positive integer, got ${scale}`);
  if (!(Number.isInteger(gap) && gap >= 0)) throw new Error(`writeAugmentationGrid: gap must be an integer ≥ 0, got ${gap}`);
  const viewOf = (j: number): ((x: tf.Tensor4D, s: number) => tf.Tensor4D) => {
    if (typeof augment === 'function') return augment;
    const list = Array.isArray(augment) ? (augment as readonly ViewAugmentation[]) : [augment as ViewAugmentation];
    if (list.length === 0) throw new Error('writeAugmentationGrid: the list of pipelines is empty');
    return (x, s) => augmentView(x, list[j % list.length]!, s);
  };
  const grid = tf.tidy(() => {
    const columns = [images as tf.Tensor4D];
    for (let j = 0; j < views; j++) {
      const v = viewOf(j)(images, deriveSeed(seed, SEED_PURPOSE.grid, j));
      if (v.shape.join() !== images.shape.join()) {
        throw new Error(`writeAugmentationGrid: view ${j} has shape [${v.shape.join(', ')}], expected [${images.shape.join(', ')}]`);
      }
      columns.push(v);
    }
    // Each cell padded with the gap on its right and bottom, cells laid out [B, 1 + views].
    const cells = tf.stack(columns.map((t) => tf.pad(t, [[0, 0], [0, gap], [0, gap], [0, 0]], 0.5)), 1);
    const [hh, ww] = [h + gap, w + gap];
    const rows = tf.reshape(tf.transpose(cells, [0, 2, 1, 3, 4]), [b * hh, (views + 1) * ww, c]);
    const framed = tf.pad(rows, [[gap, 0], [gap, 0], [0, 0]], 0.5) as tf.Tensor3D;
    const big = tf.image.resizeNearestNeighbor(framed, [framed.shape[0] * scale, framed.shape[1] * scale]);
    return tf.cast(tf.round(tf.mul(tf.clipByValue(big, 0, 1), 255)), 'int32') as tf.Tensor3D;
  });
  const [height, width] = grid.shape;
  const data = Uint8Array.from(await grid.data());
  grid.dispose();
  await mkdir(dirname(file), { recursive: true });
  const encoder = sharp(data, { raw: { width, height, channels: c as 1 | 3 } });
  await (c === 1 ? encoder.toColourspace('b-w') : encoder).png().toFile(file);
  return { file, width, height, rows: b, columns: views + 1 };
}
