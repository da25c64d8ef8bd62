import { createObjective, initialLogitScale, listObjectives, tf, type Objective } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Clip, embedSide, type ClipConfigInput } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';
import { tinyImageText } from './helpers/tiny-configs.js';

beforeAll(async () => {
  await useTestBackend();
});

const images = (n: number, seed = 1): tf.Tensor4D => tf.randomUniform([n, 8, 8, 1], 0, 1, 'float32', seed) as tf.Tensor4D;
const tokens = (n: number, seed = 2): tf.Tensor2D => tf.randomUniform([n, 6], 1, 20, 'int32', seed) as tf.Tensor2D;
const lossOf = (o: Objective, batch: Record<string, tf.Tensor>, seed: number): number => tf.tidy(() => o.loss(batch, { step: 0, totalSteps: 1, seed }).dataSync()[0]!);

describe('clip objective', () => {
  it('is registered as clip and rebuilt from getConfig() (JSON round trip); dispose frees every tensor', () => {
    expect(listObjectives()).toContain('clip');
    const start = tf.memory().numTensors;
    const clip = createObjective('clip', tinyImageText);
    expect(clip).toBeInstanceOf(Clip);
    const again = createObjective('clip', JSON.parse(JSON.stringify(clip.getConfig())));
    expect(again.getConfig()).toEqual(clip.getConfig());
    // Same seed, same initial weights: same loss on the same batch.
    const batch = { x: images(4), tokens: tokens(4) };
    expect(lossOf(again, batch, 0)).toBeCloseTo(lossOf(clip, batch, 0), 5);
    tf.dispose(Object.values(batch));
    clip.dispose();
    again.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('fills CLIP defaults: logit scale 1/0.07 capped at 100, embedDim 64, default keys x and tokens', () => {
    const clip = new Clip({ a: { modality: 'image', inputShape: [8, 8, 1], encoder: { type: 'resnet', widths: [4] } }, b: { modality: 'text', encoder: { vocabSize: 10, dim: 8, depth: 1, heads: 2 } } });
    expect(clip.config.embedDim).toBe(64);
    expect(clip.config.maxLogitScale).toBe(100);
    expect(clip.logScale.dataSync()[0]).toBeCloseTo(initialLogitScale(), 5);
    expect(clip.logitScale()).toBeCloseTo(1 / 0.07, 3);
    expect(clip.towers.map((t) => t.key)).toEqual(['x', 'tokens']);
    expect(clip.encoder).toBe(clip.encoderA);
    clip.logScale.assign(tf.scalar(10));
    expect(clip.logitScale()).toBe(100);
    clip.dispose();
  });

  it('rejects bad configs with the field named', () => {
    const bad = (config: unknown, pattern: RegExp) => expect(() => createObjective('clip', config)).toThrow(pattern);
    bad({}, /a: .*\n.*b: /s);
    bad({ ...tinyImageText, embedDim: 0 }, /embedDim/);
    bad({ ...tinyImageText, b: { modality: 'video' } }, /b\.modality/);
    bad({ ...tinyImageText, b: { modality: 'text', encoder: { dim: 8 } } }, /b\.encoder\.vocabSize/);
    bad({ ...tinyImageText, a: { ...(tinyImageText.a as object), augmentation: 'sepia' } }, /a\.augmentation/);
    bad({ ...tinyImageText, a: { ...(tinyImageText.a as object), projection: { type: 'mlp' } } }, /a\.projection\.hidden/);
    bad({ ...tinyImageText, maxLogitScale: -1 }, /maxLogitScale/);
    bad({ ...tinyImageText, b: { modality: 'text', encoder: { vocabSize: 20, dim: 6, heads: 4 } } }, /heads \(4\) must divide encoder\.dim \(6\)/);
    expect(() => new Clip({ ...tinyImageText, temperature: 0.1 } as ClipConfigInput)).toThrow(/clip \(objectives\/clip\.ts\): invalid config:[\s\S]*temperature/);
  });

  it('refuses two towers reading the same batch key, naming the key', () => {
    const twoImages = { ...tinyImageText, b: { modality: 'image', inputShape: [8, 8, 1], encoder: { type: 'resnet', widths: [4] } } };
    expect(() => createObjective('clip', twoImages)).toThrow(/b\.key: towers a \(image\) and b \(image\) both read the batch key 'x'/);
    const renamed = createObjective('clip', { ...twoImages, b: { ...twoImages.b, key: 'x2' } });
    expect((renamed as Clip).towers[1].key).toBe('x2');
    renamed.dispose();
    expect(() => createObjective('clip', { ...tinyImageText, b: { ...(tinyImageText.b as object), key: 'x' } })).toThrow(/both read the batch key 'x'/);
  });

  it('loss: finite, seeded augmentation, gradients reach both towers and the logit scale, bad batches named', () => {
    const clip = new Clip({ ...tinyImageText, a: { ...(tinyImageText.a as object), augmentation: 'digits' } as ClipConfigInput['a'] });
    const batch = { x: images(4), tokens: tokens(4) };
    const a = lossOf(clip, batch, 1);
    expect(Number.isFinite(a)).toBe(true);
    expect(lossOf(clip, batch, 1)).toBeCloseTo(a, 5);
    expect(lossOf(clip, batch, 2)).not.toBeCloseTo(a, 5);
    const vars = clip.trainableVariables();
    expect(vars.at(-1)).toBe(clip.logScale);
    const { value, grads } = tf.variableGrads(() => clip.loss(batch, { step: 0, totalSteps: 1, seed: 1 }), vars);
    const gradSize = (v: tf.Variable) => tf.tidy(() => tf.sum(tf.abs(grads[v.name]!)).dataSync()[0]!);
    const firstOf = (m: tf.LayersModel) => vars.find((v) => v === m.trainableWeights[0]!.read())!;
    expect(gradSize(firstOf(clip.encoderA))).toBeGreaterThan(0);
    expect(gradSize(firstOf(clip.encoderB))).toBeGreaterThan(0);
    expect(gradSize(clip.logScale)).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    // BN moving statistics are state, not trained.
    const trainable = new Set(vars.map((v) => v.name));
    expect(clip.stateVariables().length).toBeGreaterThan(0);
    expect(clip.stateVariables().some((v) => trainable.has(v.name))).toBe(false);

    const step = { step: 0, totalSteps: 1, seed: 0 };
    expect(() => clip.loss({ x: batch.x }, step)).toThrow(/no 'tokens' for tower b \(text\); its keys are x/);
    expect(() => clip.loss({ x: batch.x, tokens: tokens(3) }, step)).toThrow(/'x' has 4 rows but 'tokens' has 3/);
    expect(() => clip.loss({ x: tf.zeros([4, 9, 9, 1]), tokens: batch.tokens }, step)).toThrow(/tower a \(image\) input 'x' must be float32 images \[B, 8, 8, 1\]/);
    expect(() => clip.loss({ x: batch.x, tokens: tf.ones([4, 7], 'int32') }, step)).toThrow(/7 tokens per row, more than encoder\.maxLength \(6\)/);
    expect(() => clip.loss({ x: batch.x, tokens: tf.ones([4, 6]) }, step)).toThrow(/must be int32 token ids/);
    tf.dispose(Object.values(batch));
    clip.dispose();
  });

  it('embeds each side to unit-norm [N, embedDim] rows, in batches with embedSide, without leaks', async () => {
    const clip = new Clip(tinyImageText);
    const x = images(5);
    const before = tf.memory().numTensors;
    const za = clip.embedA(x);
    expect(za.shape).toEqual([5, 4]);
    const norms = tf.tidy(() => tf.norm(za, 'euclidean', 1).arraySync() as number[]);
    for (const n of norms) expect(n).toBeCloseTo(1, 5);
    const batched = await embedSide(clip, 'a', x, 2);
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(batched, za))).dataSync()[0])).toBeLessThan(1e-5);
    const t = tokens(3);
    const zb = clip.embedB(t);
    expect(zb.shape).toEqual([3, 4]);
    const features = clip.embed({ x });
    expect(features.shape).toEqual([5, 4]); // ResNet widths [4, 4]: 4 features before projection
    tf.dispose([za, batched, zb, t, features]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    clip.dispose();
  });

  it('builds an audio–text CLIP on the CPC encoder and runs a forward pass on random waves', () => {
    const clip = createObjective('clip', {
      a: { modality: 'audio', encoder: { encoder: { channels: 8, layers: [[10, 5], [8, 4]] }, context: { units: 8 } } },
      b: { modality: 'text', encoder: { vocabSize: 20, maxLength: 6, dim: 8, depth: 1, heads: 2 } },
      embedDim: 4,
    }) as Clip;
    expect(clip.towers.map((t) => `${t.modality}:${t.key}`)).toEqual(['audio:wave', 'text:tokens']);
    const batch = { wave: tf.randomNormal([3, 800], 0, 0.1, 'float32', 4) as tf.Tensor2D, tokens: tokens(3) };
    expect(Number.isFinite(lossOf(clip, batch, 0))).toBe(true);
    const z = clip.embedA(batch.wave);
    expect(z.shape).toEqual([3, 4]);
    expect(() => clip.loss({ wave: images(3) as tf.Tensor, tokens: batch.tokens }, { step: 0, totalSteps: 1, seed: 0 })).toThrow(/must be float32 waveforms \[B, samples\]/);
    tf.dispose([z, ...Object.values(batch)]);
    clip.dispose();
  });
});
