import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelEfficiency } from '../../src/eval/label-efficiency.js';
import { summarizeLabelEfficiency } from '../../src/eval/label-efficiency-summary.js';
import { useTestBackend } from '../helpers/backend.js';
import { gaussianClusters, mlpEncoder } from './fixtures.js';

describe('summarizeLabelEfficiency', () => {
  it('aggregates mean ± sample std per protocol and fraction, in order of appearance', () => {
    const rows = [
      { protocol: 'knn', fraction: 0.1, seed: 0, accuracy: 0.5, labeled: 10 },
      { protocol: 'knn', fraction: 0.1, seed: 1, accuracy: 0.7, labeled: 10 },
      { protocol: 'linear-probe', fraction: 0.1, seed: 0, accuracy: 0.9, labeled: 10 },
      { protocol: 'knn', fraction: 1, seed: 0, accuracy: 0.8, labeled: 100 },
    ];
    const summary = summarizeLabelEfficiency(rows);
    expect(summary.map((s) => [s.protocol, s.fraction, s.runs])).toEqual([['knn', 0.1, 2], ['linear-probe', 0.1, 1], ['knn', 1, 1]]);
    expect(summary[0]!.mean).toBeCloseTo(0.6, 12);
    expect(summary[0]!.std).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(summary[1]!.std).toBe(0);
  });
});

describe('labelEfficiency', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('runs every protocol per fraction and seed and returns a tidy table, leaking nothing', async () => {
    const make = (seed: number, perClass: number) => {
      const c = gaussianClusters(seed, { classes: 3, perClass, dim: 6, spread: 0.6, separation: 3 });
      return { inputs: tf.tensor2d(c.x, [c.n, 6]), labels: c.y };
    };
    const train = make(1, 40);
    const test = make(2, 30);
    const encoder = mlpEncoder(3, 6, 16, 8);
    const factory = (seed: number) => mlpEncoder(50 + seed, 6, 16, 8);
    const before = tf.memory().numTensors;
    const progress: string[] = [];
    const fast = { maxEpochs: 8, batchSize: 16, learningRate: 0.02 };
    const report = await labelEfficiency({
      encoder,
      encoderFactory: factory,
      train,
      test,
      fractions: [0.1, 1],
      seeds: [0, 1],
      protocols: ['knn', 'linear-probe', 'fine-tune', 'supervised'],
      knn: { k: 10 },
      linearProbe: { maxEpochs: 20 },
      fineTune: fast,
      supervised: fast,
      onResult: (r) => progress.push(`${r.protocol}@${r.fraction}#${r.seed}`),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(report.rows).toHaveLength(2 * 2 * 4);
    expect(progress).toHaveLength(16);
    expect(progress[0]).toBe('knn@0.1#0');
    for (const r of report.rows) {
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.accuracy).toBeLessThanOrEqual(1);
      expect(r.labeled).toBe(r.fraction === 1 ? 120 : 12);
    }
    expect(report.summary).toHaveLength(8);
    const knnFull = report.summary.find((s) => s.protocol === 'knn' && s.fraction === 1)!;
    expect(knnFull.runs).toBe(2);
    expect(knnFull.mean).toBeGreaterThan(0.9); // well-separated clusters, even through a random MLP
    const linearFull = report.summary.find((s) => s.protocol === 'linear-probe' && s.fraction === 1)!;
    expect(linearFull.mean).toBeGreaterThan(0.9);
    encoder.dispose();
    tf.dispose([train.inputs, test.inputs]);
  });

  it('uses pre-computed embeddings without inputs, and checks what each protocol needs', async () => {
    const c = gaussianClusters(4, { classes: 2, perClass: 20, dim: 4, spread: 0.5, separation: 3 });
    const emb = tf.tensor2d(c.x, [c.n, 4]);
    const report = await labelEfficiency({
      train: { labels: c.y },
      test: { labels: c.y },
      embeddings: { train: emb, test: emb },
      fractions: [0.5],
      protocols: ['knn'],
      knn: { k: 1 },
    });
    expect(report.rows).toEqual([{ protocol: 'knn', fraction: 0.5, seed: 0, accuracy: expect.any(Number), labeled: 20 }]);
    expect(report.rows[0]!.accuracy).toBeGreaterThan(0.9);
    await expect(labelEfficiency({ train: { labels: c.y }, test: { labels: c.y }, protocols: ['knn'] })).rejects.toThrow(/inputs/);
    await expect(
      labelEfficiency({ train: { inputs: emb, labels: c.y }, test: { inputs: emb, labels: c.y }, protocols: ['fine-tune'] }),
    ).rejects.toThrow(/fine-tune needs/);
    emb.dispose();
  });
});
