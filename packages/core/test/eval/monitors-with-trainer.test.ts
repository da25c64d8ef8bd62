import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CollapseMonitor } from '../../src/eval/collapse-monitor.js';
import { OnlineKnnMonitor } from '../../src/eval/online-knn-monitor.js';
import type { Batch, Objective } from '../../src/objective/objective.js';
import { Rng } from '../../src/tensor/rng.js';
import { Trainer } from '../../src/train/index.js';
import { useTestBackend } from '../helpers/backend.js';

/** Two classes that differ along dim 0 only; dims 1..7 are loud noise. */
function toyTask(seed: number, n: number): { x: tf.Tensor2D; y: tf.Tensor1D; labels: number[] } {
  const rng = new Rng(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const x = labels.flatMap((c) => [(c === 0 ? -1 : 1) + 0.3 * rng.normal(), ...Array.from({ length: 7 }, () => 3 * rng.normal())]);
  return { x: tf.tensor2d(x, [n, 8]), y: tf.tensor1d(labels, 'int32'), labels };
}

/** A toy objective that learns the signal from labels (a stand-in for pre-training). */
function toyObjective(): Objective {
  const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });
  const encoder = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4, kernelInitializer: glorot(1) })] });
  const head = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2, kernelInitializer: glorot(2) })] });
  const vars = [...encoder.trainableWeights, ...head.trainableWeights].map((w) => w.read() as tf.Variable);
  return {
    name: 'toy-supervised',
    encoder,
    trainableVariables: () => vars,
    loss: (batch: Batch) =>
      tf.losses.softmaxCrossEntropy(tf.oneHot(batch.y as tf.Tensor1D, 2), head.apply(encoder.apply(batch.x!)) as tf.Tensor2D) as tf.Scalar,
    getConfig: () => ({}),
    dispose: () => {
      encoder.dispose();
      head.dispose();
    },
  };
}

describe('evaluation monitors inside Trainer.fit', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('log kNN accuracy (rising) and collapse statistics through the trainer', async () => {
    const data = toyTask(1, 256);
    const bank = toyTask(2, 100);
    const test = toyTask(3, 100);
    const batches = Array.from({ length: 8 }, (_, i) => ({
      x: tf.slice(data.x, [i * 32, 0], [32, 8]),
      y: tf.slice(data.y, [i * 32], [32]),
    }));
    const knn = new OnlineKnnMonitor({ train: { inputs: bank.x, labels: bank.labels }, test: { inputs: test.x, labels: test.labels }, everySteps: 12, knn: { k: 10 } });
    const collapse = new CollapseMonitor({ probe: bank.x, everySteps: 12, warn: () => undefined });
    const lines: string[] = [];
    const objective = toyObjective();
    const trainer = new Trainer(objective, { progress: 'jsonl', logTo: { write: (s: string) => lines.push(s) }, lr: 0.05, logEvery: 12 });
    const result = await trainer.fit(batches, { steps: 24, callbacks: [knn, collapse], disposeBatches: false });
    expect(result.step).toBe(24);
    expect(knn.history.map((h) => h.step)).toEqual([0, 12, 24]);
    expect(knn.history[2]!.accuracy).toBeGreaterThan(0.9);
    expect(knn.history[2]!.accuracy).toBeGreaterThan(knn.history[0]!.accuracy);
    expect(collapse.history.map((h) => h.step)).toEqual([0, 12, 24]);
    const events = lines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'knn').map((e) => e.step)).toEqual([0, 12, 24]);
    expect(events.filter((e) => e.event === 'collapse')).toHaveLength(3);
    trainer.dispose();
    objective.dispose();
    tf.dispose([data.x, data.y, bank.x, bank.y, test.x, test.y, ...batches.flatMap((b) => [b.x, b.y])]);
  });
});
