import { tf } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  colorJitter,
  randomGaussianBlur,
  randomGrayscale,
  randomHorizontalFlip,
  randomResizedCrop,
  randomSolarize,
  rgbToGray,
  shiftHue,
} from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

const images = (b: number, c: 1 | 3, seed = 1): tf.Tensor4D => tf.randomUniform([b, 6, 8, c], 0, 1, 'float32', seed);
const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
const inRange = (t: tf.Tensor): boolean => tf.tidy(() => tf.min(t).dataSync()[0]! >= 0 && tf.max(t).dataSync()[0]! <= 1 + 1e-6);

describe('augmentations', () => {
  it('randomResizedCrop: per-image boxes, seeded, identity for the full box', () => {
    const x = images(4, 3);
    const a = randomResizedCrop(x, 7);
    expect(a.shape).toEqual([4, 6, 8, 3]);
    expect(maxDiff(a, randomResizedCrop(x, 7))).toBe(0);
    expect(maxDiff(a, randomResizedCrop(x, 8))).toBeGreaterThan(0.05);
    // Area 100 % at the image's own ratio: the box is the whole image.
    expect(maxDiff(randomResizedCrop(x, 3, { scale: [1, 1], ratio: [8 / 6, 8 / 6] }), x)).toBeLessThan(1e-5);
    expect(randomResizedCrop(x, 3, { size: [4, 4] }).shape).toEqual([4, 4, 4, 3]);
    // Two images of one batch get different crops: crop a batch of identical images.
    const same = tf.tile(tf.slice(x, [0, 0, 0, 0], [1, 6, 8, 3]), [2, 1, 1, 1]) as tf.Tensor4D;
    const crops = randomResizedCrop(same, 11);
    expect(maxDiff(tf.slice(crops, [0, 0, 0, 0], [1, 6, 8, 3]), tf.slice(crops, [1, 0, 0, 0], [1, 6, 8, 3]))).toBeGreaterThan(0.05);
    expect(() => randomResizedCrop(x, 0, { scale: [0.5, 0.2] })).toThrow(/scale/);
  });

  it('randomHorizontalFlip: mirrors each image or leaves it', () => {
    const x = images(16, 1);
    const flipped = tf.reverse(x, 2);
    expect(maxDiff(randomHorizontalFlip(x, 1, 1), flipped)).toBe(0);
    expect(maxDiff(randomHorizontalFlip(x, 1, 0), x)).toBe(0);
    const half = randomHorizontalFlip(x, 2, 0.5);
    const perImage = tf.tidy(() => {
      const isX = tf.equal(tf.max(tf.abs(tf.sub(half, x)), [1, 2, 3]), 0);
      const isFlip = tf.equal(tf.max(tf.abs(tf.sub(half, flipped)), [1, 2, 3]), 0);
      return [Array.from(isX.dataSync()), Array.from(isFlip.dataSync())];
    });
    perImage[0]!.forEach((v, i) => expect(v + perImage[1]![i]!).toBeGreaterThanOrEqual(1));
    const flips = perImage[1]!.reduce((a, b) => a + b, 0);
    expect(flips).toBeGreaterThan(2);
    expect(flips).toBeLessThan(14);
  });

  it('colorJitter: stays in [0, 1], is seeded, works on 1 and 3 channels', () => {
    const strong = { probability: 1, brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 };
    for (const c of [1, 3] as const) {
      const x = images(4, c);
      const a = colorJitter(x, 5, strong);
      expect(a.shape).toEqual(x.shape);
      expect(inRange(a)).toBe(true);
      expect(maxDiff(a, colorJitter(x, 5, strong))).toBe(0);
      expect(maxDiff(a, x)).toBeGreaterThan(0.01);
      expect(maxDiff(colorJitter(x, 5, { ...strong, probability: 0 }), x)).toBe(0);
    }
    // Saturation 0 → 1 factor range [0, 2]: brightness and contrast off, hue off; a gray image stays gray.
    const gray = tf.tile(images(2, 1), [1, 1, 1, 3]) as tf.Tensor4D;
    const out = colorJitter(gray, 3, { probability: 1, brightness: 0, contrast: 0, saturation: 1, hue: 0.5 });
    expect(maxDiff(out, gray)).toBeLessThan(1e-5);
  });

  it('shiftHue: a third of a turn maps red → green → blue; zero is the identity', () => {
    const rgb = tf.tensor4d([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.4, 0.6], [1, 2, 2, 3]);
    const shifted = shiftHue(rgb, tf.tensor1d([1 / 3]));
    expect(Array.from(shifted.dataSync()).slice(0, 9).map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
    expect(maxDiff(shiftHue(rgb, tf.tensor1d([0])), rgb)).toBeLessThan(1e-5);
    expect(maxDiff(shiftHue(rgb, tf.tensor1d([1])), rgb)).toBeLessThan(1e-5);
  });

  it('randomGrayscale: gray with 3 equal channels, a no-op on 1 channel', () => {
    const x = images(3, 3);
    const g = randomGrayscale(x, 1, 1);
    expect(maxDiff(g, tf.tile(rgbToGray(x), [1, 1, 1, 3]))).toBeLessThan(1e-6);
    const one = images(3, 1);
    expect(maxDiff(randomGrayscale(one, 1, 1), one)).toBe(0);
  });

  it('randomGaussianBlur: per-image σ, keeps constants and mass, smooths noise', () => {
    const constant = tf.fill([2, 6, 8, 3], 0.3) as tf.Tensor4D;
    const options = { probability: 1, sigma: [0.5, 1.5] as [number, number], kernelSize: 5 };
    expect(maxDiff(randomGaussianBlur(constant, 1, options), constant)).toBeLessThan(1e-6);
    const x = images(2, 3);
    const blurred = randomGaussianBlur(x, 1, options);
    const std = (t: tf.Tensor): number => tf.tidy(() => tf.moments(t).variance.sqrt().dataSync()[0]!);
    expect(std(blurred)).toBeLessThan(std(x) * 0.8);
    // Matches a direct 2-D convolution with the same σ for a single-image batch.
    const one = tf.slice(x, [0, 0, 0, 0], [1, 6, 8, 3]) as tf.Tensor4D;
    const fixed = randomGaussianBlur(one, 2, { probability: 1, sigma: [1, 1], kernelSize: 3 });
    const w1 = [Math.exp(-0.5), 1, Math.exp(-0.5)].map((v) => v / (2 * Math.exp(-0.5) + 1));
    const k2 = tf.tensor4d(w1.flatMap((a) => w1.map((b) => a * b)), [3, 3, 1, 1]);
    const padded = tf.mirrorPad(one, [[0, 0], [1, 1], [1, 1], [0, 0]], 'reflect');
    const direct = tf.concat([0, 1, 2].map((c) => tf.conv2d(tf.slice(padded, [0, 0, 0, c], [1, 8, 10, 1]) as tf.Tensor4D, k2 as tf.Tensor4D, 1, 'valid')), 3);
    expect(maxDiff(fixed, direct)).toBeLessThan(1e-5);
    expect(() => randomGaussianBlur(x, 1, { ...options, kernelSize: 4 })).toThrow(/odd/);
  });

  it('randomSolarize: inverts values at or above the threshold', () => {
    const x = tf.tensor4d([0.1, 0.5, 0.7, 1], [1, 2, 2, 1]);
    expect(Array.from(randomSolarize(x, 1, 1, 0.5).dataSync()).map((v) => Math.round(v * 100) / 100)).toEqual([0.1, 0.5, 0.3, 0]);
    expect(maxDiff(randomSolarize(x, 1, 0), x)).toBe(0);
  });
});
