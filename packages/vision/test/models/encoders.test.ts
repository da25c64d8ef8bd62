import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEncoder, saveEncoder, tf } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEncoder, LayerNorm, MultiHeadSelfAttention, resnet, vit, vitParts } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('encoders', () => {
  it('resnet: basic blocks, stride-2 stages, global pooling, seeded', () => {
    const model = resnet({ inputShape: [16, 16, 3], widths: [4, 8, 12], blocks: [2, 1, 1], seed: 5 });
    expect(model.outputs[0]!.shape).toEqual([null, 12]);
    expect(model.getLayer('stage1_block2_b_conv').outputShape).toEqual([null, 16, 16, 4]);
    expect(model.getLayer('stage2_block1_a_conv').outputShape).toEqual([null, 8, 8, 8]);
    expect(model.getLayer('stage3_block1_proj_conv').outputShape).toEqual([null, 4, 4, 12]);
    expect(() => model.getLayer('stage1_block1_proj_conv')).toThrow(); // identity shortcut
    const twin = resnet({ inputShape: [16, 16, 3], widths: [4, 8, 12], blocks: [2, 1, 1], seed: 5 });
    const other = resnet({ inputShape: [16, 16, 3], widths: [4, 8, 12], blocks: [2, 1, 1], seed: 6 });
    expect(maxDiff(model.getWeights()[0]!, twin.getWeights()[0]!)).toBe(0);
    expect(maxDiff(model.getWeights()[0]!, other.getWeights()[0]!)).toBeGreaterThan(0);
    expect(() => resnet({ inputShape: [16, 16, 3], widths: [4, 8], blocks: [1] })).toThrow(/blocks/);
    const strided = resnet({ inputShape: [16, 16, 3], widths: [4, 8, 12], stemStride: 2 });
    expect(strided.getLayer('stem_conv').outputShape).toEqual([null, 8, 8, 4]);
    expect(strided.getLayer('stage3_block1_proj_conv').outputShape).toEqual([null, 2, 2, 12]);
    tf.dispose([model, twin, other, strided].flatMap((m) => m.weights.map((w) => w.read())));
  });

  it('vit: patch embedding, learnable positions, pre-LN blocks, saves and loads', async () => {
    const model = vit({ inputShape: [8, 8, 1], patchSize: 4, dim: 8, depth: 2, heads: 2, seed: 3 });
    expect(model.outputs[0]!.shape).toEqual([null, 8]);
    const parts = vitParts(model);
    expect([parts.patchSize, parts.numPatches, parts.dim]).toEqual([4, 4, 8]);
    const x = tf.randomUniform([3, 8, 8, 1], 0, 1, 'float32', 2) as tf.Tensor4D;
    const y = model.predict(x) as tf.Tensor;
    const dir = await mkdtemp(join(tmpdir(), 'pretext-vit-'));
    try {
      await saveEncoder(model, dir);
      const loaded = await loadEncoder(dir);
      expect(maxDiff(loaded.predict(x) as tf.Tensor, y)).toBeLessThan(1e-6);
      expect(vitParts(loaded).numPatches).toBe(4);
      // The trunk runs on any number of tokens (MAE's visible patches).
      const tokens = parts.embedPatches(x, false);
      const some = tf.slice(tokens, [0, 0, 0], [3, 2, 8]);
      expect((parts.trunk.apply(some) as tf.Tensor).shape).toEqual([3, 2, 8]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(() => vit({ inputShape: [10, 10, 1], patchSize: 4 })).toThrow(/must divide the image size/);
    expect(() => vitParts(resnet({ inputShape: [8, 8, 1] }))).toThrow(/needs a ViT/);
  });

  it('self-attention is permutation-equivariant; LayerNorm normalises the last axis', () => {
    const attn = new MultiHeadSelfAttention({ heads: 2, seed: 1 });
    const x = tf.randomNormal([2, 5, 6], 0, 1, 'float32', 4) as tf.Tensor3D;
    const perm = tf.tensor1d([3, 0, 4, 1, 2], 'int32');
    const y = attn.apply(x) as tf.Tensor;
    expect(maxDiff(attn.apply(tf.gather(x, perm, 1)) as tf.Tensor, tf.gather(y, perm, 1))).toBeLessThan(1e-5);
    expect(() => new MultiHeadSelfAttention({ heads: 4 }).apply(x)).toThrow(/do not divide/);
    const norm = new LayerNorm();
    const n = norm.apply(x) as tf.Tensor;
    const { mean, variance } = tf.moments(n, -1);
    expect(tf.max(tf.abs(mean)).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.max(tf.abs(tf.sub(variance, 1))).dataSync()[0]).toBeLessThan(1e-3);
  });

  it('buildEncoder builds either family from JSON and names bad fields', () => {
    expect(buildEncoder({ type: 'resnet', widths: [4, 8] }, [8, 8, 1], 0).outputs[0]!.shape).toEqual([null, 8]);
    expect(buildEncoder({ type: 'vit', patchSize: 2, dim: 4, depth: 1, heads: 1 }, [8, 8, 3], 0).outputs[0]!.shape).toEqual([null, 4]);
    expect(() => buildEncoder({ type: 'resnet', widths: [0] }, [8, 8, 1], 0)).toThrow(/encoder\.widths\.0/);
    expect(buildEncoder({ type: 'resnet', widths: [4], stemStride: 2 }, [8, 8, 1], 0).getLayer('stem_conv').outputShape).toEqual([null, 4, 4, 4]);
    expect(() => buildEncoder({ type: 'resnet', stemStride: 3 } as never, [8, 8, 1], 0)).toThrow(/encoder\.stemStride/);
  });
});
