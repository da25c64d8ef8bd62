import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { knnClassify, knnPredict } from '../../src/eval/knn-classifier.js';
import { useTestBackend } from '../helpers/backend.js';

const deg = Math.PI / 180;
const dir = (a: number, r = 1): [number, number] => [r * Math.cos(a * deg), r * Math.sin(a * deg)];

describe('knnPredict / knnClassify', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('classifies a hand-made 2-D set by cosine similarity', async () => {
    // class 0 around 0°, class 1 around 90°, class 2 around 200°; norms vary (cosine ignores them)
    const bank = tf.tensor2d([dir(-10, 2), dir(5), dir(15, 3), dir(80), dir(95, 0.5), dir(100), dir(190, 4), dir(210), dir(220)]);
    const bankY = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const queries = tf.tensor2d([dir(2, 10), dir(85), dir(205, 0.1), dir(60), dir(-30)]);
    const queryY = [0, 1, 2, 1, 0];
    const result = await knnClassify(bank, bankY, queries, queryY, { k: 3 });
    expect(Array.from(result.predictions)).toEqual([0, 1, 2, 1, 0]);
    expect(result.accuracy).toBe(1);
    // k = 1: the 60° query's nearest is 80° (class 1); at 45° nearest is 15° (class 0)
    const probe = tf.tensor2d([dir(60), dir(45)]);
    expect(Array.from(await knnPredict(bank, bankY, probe, { k: 1 }))).toEqual([1, 0]);
    tf.dispose([bank, queries, probe]);
  });

  it('weights votes by exp(sim / T): a low temperature lets the closest neighbour win', async () => {
    // One class-1 neighbour at similarity 1, two class-0 neighbours at cos 40° ≈ 0.766.
    const bank = tf.tensor2d([dir(0), dir(40), dir(-40)]);
    const bankY = [1, 0, 0];
    const query = tf.tensor2d([dir(0)]);
    const vote = async (temperature: number) => (await knnPredict(bank, bankY, query, { k: 3, temperature }))[0];
    expect(await vote(0.07)).toBe(1); // e^(1/0.07) > 2·e^(0.766/0.07)
    expect(await vote(1)).toBe(0); // e^1 < 2·e^0.766
    expect(await vote(Infinity)).toBe(0); // plain majority
    tf.dispose([bank, query]);
  });

  it('caps k at the bank size, batches queries without changing answers, and leaks nothing', async () => {
    const points = Array.from({ length: 40 }, (_, i) => dir(i * 9 + 1));
    const bank = tf.tensor2d(points.slice(0, 20));
    const bankY = Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1));
    const queries = tf.tensor2d(points.slice(20).map(([x, y]) => [x + 0.01, y]));
    const before = tf.memory().numTensors;
    const whole = await knnPredict(bank, bankY, queries, { k: 5, batchSize: 256 });
    const batched = await knnPredict(bank, bankY, queries, { k: 5, batchSize: 3 });
    const capped = await knnPredict(bank, bankY, queries, { batchSize: 7 }); // default k = 200 > 20
    expect(Array.from(batched)).toEqual(Array.from(whole));
    expect(capped.length).toBe(20);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([bank, queries]);
  });

  it('rejects mismatched shapes and bad settings', async () => {
    const bank = tf.tensor2d([dir(0), dir(90)]);
    const q3 = tf.zeros([1, 3]) as tf.Tensor2D;
    await expect(knnPredict(bank, [0], bank)).rejects.toThrow(/trainLabels/);
    await expect(knnPredict(bank, [0, 1], q3)).rejects.toThrow(/dimension/);
    await expect(knnPredict(bank, [0, 1], bank, { temperature: 0 })).rejects.toThrow(/temperature/);
    await expect(knnPredict(bank, [0, 1], bank, { numClasses: 1 })).rejects.toThrow(/numClasses/);
    await expect(knnClassify(bank, [0, 1], bank, [0])).rejects.toThrow(/queryLabels/);
    tf.dispose([bank, q3]);
  });
});
