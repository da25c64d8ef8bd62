import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '@pretext/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentView, byolAugmentations, digitsAugmentations, simclrAugmentations, viewAugmentationSchema, writeAugmentationGrid } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('augmentation pipelines', () => {
  it('presets follow the papers, scaled to the image size', () => {
    const [s1, s2] = simclrAugmentations(28);
    expect(s1).toEqual(s2);
    expect(s1.crop).toEqual({ scale: [0.08, 1], ratio: [3 / 4, 4 / 3] });
    expect(s1.colorJitter).toEqual({ probability: 0.8, brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 });
    expect(s1.blur).toBeNull(); // as SimCLR on CIFAR-10
    expect(simclrAugmentations(224)[0].blur).toEqual({ probability: 0.5, sigma: [0.1, 2], kernelSize: 23 });
    const [b1, b2] = byolAugmentations(32);
    expect([b1.blur!.probability, b2.blur!.probability]).toEqual([1, 0.1]);
    expect([b1.solarize, b2.solarize]).toEqual([null, { probability: 0.2, threshold: 0.5 }]);
    expect(b1.blur!.kernelSize).toBe(3);
    expect(b1.blur!.sigma[1]).toBeCloseTo((2 * 32) / 224, 6);
    for (const v of [s1, b1, b2]) expect(viewAugmentationSchema.safeParse(v).success).toBe(true);
  });

  it('the digits preset keeps digits readable: mild crops, no flip, no colour, solarize on view 2 only', () => {
    const [d1, d2] = digitsAugmentations(28);
    for (const v of [d1, d2]) {
      expect(v.crop!.scale).toEqual([0.35, 1]);
      expect(v.flip).toBe(0);
      expect([v.colorJitter!.saturation, v.colorJitter!.hue, v.grayscale]).toEqual([0, 0, 0]);
      expect(viewAugmentationSchema.safeParse(v).success).toBe(true);
    }
    expect([d1.solarize, d2.solarize]).toEqual([null, { probability: 0.2, threshold: 0.5 }]);
    expect(() => digitsAugmentations(0)).toThrow(/digitsAugmentations: side must be a positive integer/);
  });

  it('augmentView is deterministic under a seed, on 1- and 3-channel batches, without leaks', () => {
    for (const c of [1, 3] as const) {
      const x = tf.randomUniform([4, 12, 12, c], 0, 1, 'float32', 3) as tf.Tensor4D;
      for (const view of byolAugmentations(12)) {
        const before = tf.memory().numTensors;
        const a = augmentView(x, view, 42);
        const b = augmentView(x, view, 42);
        const d = augmentView(x, view, 43);
        expect(a.shape).toEqual(x.shape);
        expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBe(0);
        expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, d))).dataSync()[0])).toBeGreaterThan(0.01);
        expect(tf.tidy(() => [tf.min(a).dataSync()[0]! >= 0, tf.max(a).dataSync()[0]! <= 1 + 1e-6])).toEqual([true, true]);
        tf.dispose([a, b, d]);
        expect(tf.memory().numTensors).toBe(before);
      }
      x.dispose();
    }
  });

  it('writes a PNG grid of views for a person to look at', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pretext-grid-'));
    try {
      const x = tf.randomUniform([3, 10, 10, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const grid = await writeAugmentationGrid(join(dir, 'sub', 'views.png'), x, byolAugmentations(10), { views: 4, scale: 2, gap: 1 });
      expect(grid).toMatchObject({ rows: 3, columns: 5, width: (1 + 5 * 11) * 2, height: (1 + 3 * 11) * 2 });
      const meta = await sharp(grid.file).metadata();
      expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', grid.width, grid.height, 3]);
      // The first column is the original image: the top-left cell equals image 0 upscaled.
      const { data } = await sharp(grid.file).raw().toBuffer({ resolveWithObject: true });
      const original = Array.from(tf.tidy(() => tf.round(tf.mul(x, 255))).dataSync());
      const at = (row: number, col: number): number => data[((2 + row * 2) * grid.width + (2 + col * 2)) * 3]!;
      expect(at(0, 0)).toBe(original[0]);
      expect(at(3, 4)).toBe(original[(3 * 10 + 4) * 3]);
      const gray = await writeAugmentationGrid(join(dir, 'gray.png'), tf.ones([1, 4, 4, 1]), (t) => tf.mul(t, 0.5), { views: 2 });
      expect((await sharp(gray.file).metadata()).channels).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
