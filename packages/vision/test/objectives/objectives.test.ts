import { createObjective, listObjectives, tf, type Objective } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Byol, cosineMomentum, gatherTokens, Mae, patchify, randomMasking, Simclr, type SimclrConfigInput } from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

const x = (): tf.Tensor4D => tf.randomUniform([4, 8, 8, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
const tinyResnet: SimclrConfigInput = { inputShape: [8, 8, 1], encoder: { type: 'resnet', widths: [4, 4] }, projection: { hidden: 8, out: 4, batchNorm: true } };
const tinyVit = { type: 'vit' as const, patchSize: 4, dim: 8, depth: 1, heads: 2 };

function lossValue(objective: Objective, images: tf.Tensor4D, seed: number): number {
  return tf.tidy(() => objective.loss({ x: images }, { step: 0, totalSteps: 10, seed }).dataSync()[0]!);
}

describe('vision objectives', () => {
  it('register simclr, byol and mae with the core registry, rebuilt from getConfig()', () => {
    expect(listObjectives()).toEqual(expect.arrayContaining(['byol', 'mae', 'simclr']));
    const simclr = createObjective('simclr', tinyResnet);
    expect(simclr).toBeInstanceOf(Simclr);
    const again = createObjective('simclr', JSON.parse(JSON.stringify(simclr.getConfig())));
    expect(again.getConfig()).toEqual(simclr.getConfig());
    expect(() => createObjective('simclr', { temperature: -1 })).toThrow(/temperature/);
    expect(() => createObjective('mae', { encoder: { type: 'resnet' } })).toThrow(/encoder/);
    simclr.dispose();
    again.dispose();
  });

  it('simclr: finite NT-Xent loss, deterministic for a seed, gradients reach the encoder, no leaks', () => {
    const objective = new Simclr(tinyResnet);
    const images = x();
    const before = tf.memory().numTensors;
    const a = lossValue(objective, images, 1);
    expect(Number.isFinite(a)).toBe(true);
    expect(a).toBeGreaterThan(0);
    expect(lossValue(objective, images, 1)).toBeCloseTo(a, 5);
    expect(lossValue(objective, images, 2)).not.toBeCloseTo(a, 5);
    const { value, grads } = tf.variableGrads(() => objective.loss({ x: images }, { step: 0, totalSteps: 1, seed: 1 }), objective.trainableVariables());
    const stemGrad = grads[objective.trainableVariables()[0]!.name]!;
    expect(tf.tidy(() => tf.sum(tf.abs(stemGrad)).dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => objective.loss({ x: tf.zeros([2, 9, 9, 1]) }, { step: 0, totalSteps: 1, seed: 0 })).toThrow(/expected \[B, 8, 8, 1\]/);
    objective.dispose();
  });

  it('byol: target starts as the online copy and follows it by a cosine-scheduled EMA', () => {
    expect(cosineMomentum(0, 100, 0.99)).toBeCloseTo(0.99, 10);
    expect(cosineMomentum(50, 100, 0.99)).toBeCloseTo(0.995, 10);
    expect(cosineMomentum(100, 100, 0.99)).toBe(1);
    const objective = new Byol({ ...tinyResnet, prediction: { hidden: 8, out: 4, batchNorm: true } });
    const online = objective.encoder.trainableWeights[0]!.read();
    const target = () => objective.targetEncoder.weights[0]!.read();
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(online, target()))).dataSync()[0])).toBe(0);
    const trainable = new Set(objective.trainableVariables().map((v) => v.name));
    for (const v of objective.stateVariables()) expect(trainable.has(v.name)).toBe(false);
    const start = target().clone();
    // Move the online weight, then one EMA step at k = 1 of 4.
    (online as tf.Variable).assign(tf.add(online, 1));
    objective.afterStep({ step: 0, totalSteps: 4, seed: 0 });
    const tau = cosineMomentum(1, 4, 0.99);
    expect(objective.lastMomentum).toBeCloseTo(tau, 10);
    const moved = tf.tidy(() => tf.mean(tf.sub(target(), start)).dataSync()[0]!);
    expect(moved).toBeCloseTo(1 - tau, 5);
    const loss = lossValue(objective, x(), 3);
    expect(loss).toBeGreaterThanOrEqual(0);
    expect(loss).toBeLessThanOrEqual(8);
    start.dispose();
    objective.dispose();
  });

  it('mae: masks 75 % of patches per image, encodes visible ones only, loss on masked patches', () => {
    const masking = randomMasking(3, 16, 0.75, 4);
    expect(masking.keepCount).toBe(4);
    expect(Array.from(tf.sum(masking.mask, 1).dataSync())).toEqual([12, 12, 12]);
    // keep ∪ masked = all patches; restore is the inverse permutation.
    const keep = masking.keep.arraySync();
    const mask = masking.mask.arraySync();
    keep.forEach((row, b) => row.forEach((p) => expect(mask[b]![p]).toBe(0)));
    const tokens = tf.reshape(tf.range(0, 3 * 16 * 2), [3, 16, 2]) as tf.Tensor3D;
    expect(gatherTokens(tokens, masking.keep).arraySync()[1]![0]).toEqual([(16 + keep[1]![0]!) * 2, (16 + keep[1]![0]!) * 2 + 1]);
    // patchify orders patches row-major and values (row, column, channel), as the patch conv does.
    const img = tf.reshape(tf.range(0, 16), [1, 4, 4, 1]) as tf.Tensor4D;
    expect(patchify(img, 2).arraySync()[0]).toEqual([[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15]]);

    const objective = new Mae({ inputShape: [8, 8, 1], encoder: { ...tinyVit, patchSize: 2 }, decoder: { dim: 8, depth: 1, heads: 2 } });
    const images = x();
    const a = lossValue(objective, images, 1);
    expect(Number.isFinite(a)).toBe(true);
    expect(lossValue(objective, images, 1)).toBeCloseTo(a, 5);
    // The encoder's trunk sees keepCount = 4 of the 16 tokens.
    const seen: number[][] = [];
    const trunk = objective.encoder.getLayer('vit_trunk');
    const call = trunk.apply.bind(trunk);
    trunk.apply = ((inputs, kwargs) => {
      seen.push((inputs as tf.Tensor).shape);
      return call(inputs, kwargs);
    }) as typeof trunk.apply;
    lossValue(objective, images, 1);
    expect(seen).toEqual([[4, 4, 8]]);
    expect(objective.trainableVariables().some((v) => v.name.startsWith('mae_mask_token'))).toBe(true);
    objective.dispose();
  });

  it('all three run on a ViT encoder', () => {
    for (const name of ['simclr', 'byol', 'mae']) {
      const objective = createObjective(name, { inputShape: [8, 8, 1], encoder: tinyVit });
      expect(Number.isFinite(lossValue(objective, x(), 0))).toBe(true);
      objective.dispose();
    }
  });
});
