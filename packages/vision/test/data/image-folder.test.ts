import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageFolder } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

let root: string;

/** A solid-colour image encoded in `format`. */
async function solid(format: 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff', rgb: [number, number, number], options: { alpha?: number; gray?: boolean; size?: [number, number] } = {}): Promise<Buffer> {
  const [width, height] = options.size ?? [12, 8];
  const channels = options.alpha === undefined ? 3 : 4;
  const background = { r: rgb[0], g: rgb[1], b: rgb[2], ...(options.alpha === undefined ? {} : { alpha: options.alpha }) };
  let img = sharp({ create: { width, height, channels, background } });
  if (options.gray) img = img.toColourspace('b-w');
  return img.toFormat(format).toBuffer();
}

beforeAll(async () => {
  await useTestBackend();
  root = await mkdtemp(join(tmpdir(), 'pretext-vision-'));
  const labeled = join(root, 'labeled');
  await mkdir(join(labeled, 'cats', 'nested'), { recursive: true });
  await mkdir(join(labeled, 'dogs'), { recursive: true });
  await writeFile(join(labeled, 'cats', 'a.png'), await solid('png', [255, 0, 0]));
  await writeFile(join(labeled, 'cats', 'b.jpg'), await solid('jpeg', [0, 255, 0]));
  await writeFile(join(labeled, 'cats', 'nested', 'c.webp'), await solid('webp', [0, 0, 255]));
  await writeFile(join(labeled, 'dogs', 'd.gif'), await solid('gif', [255, 255, 255]));
  await writeFile(join(labeled, 'dogs', 'e.tiff'), await solid('tiff', [200, 200, 200], { gray: true }));
  // Fully transparent red: composited onto the black background.
  await writeFile(join(labeled, 'dogs', 'f.png'), await solid('png', [255, 0, 0], { alpha: 0 }));
  await writeFile(join(labeled, 'dogs', 'notes.txt'), 'not an image');
  const flat = join(root, 'flat');
  await mkdir(flat);
  await writeFile(join(flat, 'x.png'), await solid('png', [10, 20, 30], { size: [40, 20] }));
  await writeFile(join(flat, 'y.png'), await solid('png', [90, 90, 90]));
  const bad = join(root, 'bad');
  await mkdir(bad);
  await writeFile(join(bad, 'good.png'), await solid('png', [1, 2, 3]));
  const truncated = await solid('png', [5, 5, 5], { size: [64, 64] });
  await writeFile(join(bad, 'truncated.png'), truncated.subarray(0, truncated.length >> 1));
  await writeFile(join(bad, 'garbage.jpg'), Buffer.from('this is not a jpeg'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('imageFolder', () => {
  it('labels images by class sub-folder and decodes every format to RGB uint8', async () => {
    const { dataset, skipped } = await imageFolder(join(root, 'labeled'), { size: [4, 6], channels: 3 });
    expect(skipped).toEqual([]);
    expect(dataset.classNames).toEqual(['cats', 'dogs']);
    expect(dataset.count).toBe(6);
    expect([...dataset.labels!]).toEqual([0, 0, 0, 1, 1, 1]);
    expect([dataset.height, dataset.width, dataset.channels]).toEqual([4, 6, 3]);
    const pixel = (i: number): number[] => [...dataset.pixels.subarray(i * 72, i * 72 + 3)];
    const names = dataset.sources!.map((s) => s.slice(root.length));
    expect(names[2]).toContain('nested');
    expect(pixel(0)).toEqual([255, 0, 0]); // png
    for (const [i, rgb] of [[1, [0, 255, 0]], [2, [0, 0, 255]]] as const) {
      // lossy JPEG / WebP: close to the colour
      pixel(i).forEach((v, c) => expect(Math.abs(v - rgb[c]!)).toBeLessThanOrEqual(12));
    }
    expect(pixel(3)).toEqual([255, 255, 255]); // gif
    const gray = pixel(4); // gray tiff replicated to 3 equal channels
    expect(gray[0]).toBe(gray[1]);
    expect(gray[1]).toBe(gray[2]);
    expect(Math.abs(gray[0]! - 200)).toBeLessThanOrEqual(2);
    expect(pixel(5)).toEqual([0, 0, 0]); // transparent → background
  });

  it('converts to one channel and resizes', async () => {
    const { dataset } = await imageFolder(join(root, 'flat'), { size: 5, channels: 1 });
    expect(dataset.labels).toBeUndefined();
    expect(dataset.classNames).toEqual([]);
    expect(dataset.count).toBe(2);
    expect(dataset.pixels.length).toBe(2 * 5 * 5);
    const x = dataset.images();
    expect(x.shape).toEqual([2, 5, 5, 1]);
    const values = await x.data();
    x.dispose();
    // (10, 20, 30) → luma ≈ 18.5 → 18 or 19 of 255; (90, 90, 90) → 90.
    expect(Math.abs(values[0]! * 255 - 18.5)).toBeLessThan(1.5);
    expect(Math.abs(values[25]! * 255 - 90)).toBeLessThan(1);
  });

  it('stops at a corrupt file with an error naming it', async () => {
    await expect(imageFolder(join(root, 'bad'), { concurrency: 1 })).rejects.toThrow(/cannot decode .*bad[/\\](garbage\.jpg|truncated\.png)/);
  });

  it('skips bad files when asked, counting and reporting them', async () => {
    const warnings: string[] = [];
    const { dataset, skipped } = await imageFolder(join(root, 'bad'), { size: 3, skipBadFiles: true, warn: (m) => warnings.push(m) });
    expect(dataset.count).toBe(1);
    expect(dataset.sources![0]).toMatch(/good\.png$/);
    expect(skipped.map((s) => s.file.replace(/.*[/\\]/, ''))).toEqual(['garbage.jpg', 'truncated.png']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/skipped 2 of 3 files/);
    expect(warnings[0]).toContain('truncated.png');
  });

  it('rejects a missing folder, an empty one, and a mix of images and class folders', async () => {
    await expect(imageFolder(join(root, 'nope'))).rejects.toThrow(/cannot read folder .*nope/);
    const empty = join(root, 'empty');
    await mkdir(empty, { recursive: true });
    await expect(imageFolder(empty)).rejects.toThrow(/no image/);
    const mixed = join(root, 'mixed');
    await mkdir(join(mixed, 'cls'), { recursive: true });
    await writeFile(join(mixed, 'top.png'), await solid('png', [0, 0, 0]));
    await writeFile(join(mixed, 'cls', 'in.png'), await solid('png', [0, 0, 0]));
    await expect(imageFolder(mixed)).rejects.toThrow(/both image files .* and class sub-folders/);
    await expect(imageFolder(join(root, 'flat'), { channels: 2 as 1 })).rejects.toThrow(/channels must be 1 or 3/);
  });
});
