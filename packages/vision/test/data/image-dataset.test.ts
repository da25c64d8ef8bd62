import { tf } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageDataset } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

const dataset = new ImageDataset({
  pixels: Uint8Array.from({ length: 10 * 2 * 2 * 1 }, (_, i) => Math.floor(i / 4) * 10),
  height: 2,
  width: 2,
  channels: 1,
  labels: Int32Array.from({ length: 10 }, (_, i) => i % 3),
});

describe('ImageDataset', () => {
  it('turns uint8 pixels into float32 [0, 1] tensors', async () => {
    const x = dataset.images([3, 0]);
    expect(x.shape).toEqual([2, 2, 2, 1]);
    expect(x.dtype).toBe('float32');
    expect(Array.from(await x.data())).toEqual([30, 30, 30, 30, 0, 0, 0, 0].map((v) => Math.fround(v / 255)));
    x.dispose();
  });

  it('yields seeded, shuffled, labeled batches and drops the last partial batch', async () => {
    const epoch = (seed: number, e: number): number[][] => {
      const out: number[][] = [];
      for (const batch of dataset.batches({ batchSize: 4, seed, withLabels: true })(e)) {
        expect(batch.x!.shape).toEqual([4, 2, 2, 1]);
        const firsts = tf.tidy(() => tf.mul(tf.reshape(tf.slice(batch.x!, [0, 0, 0, 0], [4, 1, 1, 1]), [4]), 25.5).round());
        const ids = Array.from(firsts.dataSync());
        expect(Array.from(batch.y!.dataSync())).toEqual(ids.map((i) => i % 3));
        out.push(ids);
        tf.dispose([firsts, batch.x!, batch.y!]);
      }
      return out;
    };
    const a = epoch(1, 0);
    expect(a).toHaveLength(2);
    expect(new Set(a.flat()).size).toBe(8);
    expect(epoch(1, 0)).toEqual(a);
    expect(epoch(1, 1)).not.toEqual(a);
    expect(() => dataset.batches({ batchSize: 11 })).toThrow(/exceeds the 10 images/);
  });

  it('checks its inputs', () => {
    expect(() => new ImageDataset({ pixels: new Uint8Array(7), height: 2, width: 2, channels: 1 })).toThrow(/whole number/);
    expect(() => dataset.images([10])).toThrow(/out of range/);
    const unlabeled = new ImageDataset({ pixels: new Uint8Array(4), height: 2, width: 2, channels: 1 });
    expect(() => unlabeled.labelArray()).toThrow(/unlabeled/);
  });
});
