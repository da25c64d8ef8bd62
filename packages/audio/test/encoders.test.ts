import { beforeAll, describe, expect, test } from 'vitest';
import { tf } from '@pretext/core';
import { AudioTransformerBlock, ChannelTimeNorm, convFeatureEncoder, gruContext, joinAudioEncoder, latentFrames, transformerContext } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

beforeAll(useTestBackend);

describe('audio encoders', () => {
  test('the conv feature encoder makes one frame per 10 ms at 16 kHz', () => {
    const f = convFeatureEncoder({ channels: 8 }, 1);
    const z = f.predict(tf.zeros([2, 16000])) as tf.Tensor;
    expect(latentFrames(16000)).toBe(98);
    expect(z.shape).toEqual([2, 98, 8]);
    expect(latentFrames(32000) - latentFrames(16000)).toBe(100); // 100 frames per second
    expect(() => convFeatureEncoder({ channels: 0 })).toThrow(/channels must be a positive integer/);
    tf.dispose(z);
    f.dispose();
  });

  test("norm 'group' normalises each channel of the first layer over time (wav2vec 2.0 base) and round-trips through JSON", async () => {
    const x = tf.randomNormal([2, 1600], 0, 0.3, 'float32', 2);
    const norm = new ChannelTimeNorm();
    const frames = tf.randomNormal([2, 9, 3], 5, 4, 'float32', 3);
    const y = norm.apply(frames) as tf.Tensor3D;
    const { mean, variance } = tf.moments(y, 1);
    expect(Math.max(...(await tf.abs(mean).data()))).toBeLessThan(1e-4);
    expect(Math.max(...(await tf.abs(tf.sub(variance, 1)).data()))).toBeLessThan(1e-3);
    const f = convFeatureEncoder({ channels: 6, norm: 'group' }, 1);
    expect(f.layers.filter((l) => l instanceof ChannelTimeNorm)).toHaveLength(1);
    expect(f.layers.some((l) => l.getClassName() === 'LayerNormalization')).toBe(false);
    const copy = await tf.models.modelFromJSON(f.toJSON(null, false) as Parameters<typeof tf.models.modelFromJSON>[0]);
    copy.setWeights(f.getWeights());
    const d = tf.max(tf.abs(tf.sub(f.predict(x) as tf.Tensor, copy.predict(x) as tf.Tensor)));
    expect((await d.data())[0]).toBeLessThan(1e-5);
    tf.dispose([x, frames, y, mean, variance, d]);
  });

  test('the same seed gives the same weights', () => {
    const a = convFeatureEncoder({ channels: 4 }, 5).getWeights()[0]!;
    const b = convFeatureEncoder({ channels: 4 }, 5).getWeights()[0]!;
    const c = convFeatureEncoder({ channels: 4 }, 6).getWeights()[0]!;
    expect(tf.equal(a, b).all().dataSync()[0]).toBe(1);
    expect(tf.equal(a, c).all().dataSync()[0]).toBe(0);
  });

  test('the GRU context is causal; the transformer sees the future', async () => {
    const x = tf.randomNormal([1, 12, 6], 0, 1, 'float32', 3);
    const changed = tf.concat([tf.slice(x, [0, 0, 0], [1, 8, 6]), tf.randomNormal([1, 4, 6], 0, 1, 'float32', 4)], 1);
    const diffAt = async (m: tf.LayersModel, t: number) => {
      const a = m.predict(x) as tf.Tensor;
      const b = m.predict(changed) as tf.Tensor;
      return (await tf.max(tf.abs(tf.sub(tf.slice(a, [0, t, 0], [1, 1, -1]), tf.slice(b, [0, t, 0], [1, 1, -1])))).data())[0]!;
    };
    const gru = gruContext(6, { units: 5 }, 1);
    expect(await diffAt(gru, 7)).toBe(0);
    expect(await diffAt(gru, 9)).toBeGreaterThan(1e-4);
    const tr = transformerContext(6, { dModel: 8, layers: 2, heads: 2, positionKernel: 3 }, 1);
    expect(await diffAt(tr, 2)).toBeGreaterThan(1e-4);
  });

  test('the transformer encoder round-trips through JSON (registered custom layer)', async () => {
    const parts = joinAudioEncoder(convFeatureEncoder({ channels: 8 }, 1), transformerContext(8, { dModel: 8, layers: 1, heads: 2 }, 2));
    const json = parts.encoder.toJSON(null, false) as Parameters<typeof tf.models.modelFromJSON>[0];
    expect(JSON.stringify(json)).toContain(AudioTransformerBlock.className);
    const copy = await tf.models.modelFromJSON(json);
    copy.setWeights(parts.encoder.getWeights());
    const x = tf.randomNormal([2, 3200], 0, 0.1, 'float32', 9);
    const a = parts.encoder.predict(x) as tf.Tensor;
    const b = copy.predict(x) as tf.Tensor;
    expect(a.shape).toEqual([2, 8]);
    expect((await tf.max(tf.abs(tf.sub(a, b))).data())[0]).toBeLessThan(1e-5);
  });

  test('gradients reach every weight of the conv + GRU encoder on wasm', () => {
    const { encoder } = joinAudioEncoder(convFeatureEncoder({ channels: 4 }, 1), gruContext(4, { units: 4 }, 2));
    const x = tf.randomNormal([2, 1600], 0, 0.1, 'float32', 1);
    const vars = encoder.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(encoder.apply(x) as tf.Tensor)) as tf.Scalar, vars);
    for (const v of vars) expect(tf.any(tf.notEqual(grads[v.name]!, 0)).dataSync()[0]).toBe(1);
  });
});
