import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OnlineKnnMonitor } from '../../src/eval/online-knn-monitor.js';
import { Rng } from '../../src/tensor/rng.js';
import { useTestBackend } from '../helpers/backend.js';
import { fakeObjective, recordingContext, trainState } from './fixtures.js';

/** Two classes that differ only along dim 0 (±1); dims 1..7 are loud noise (std 3). */
function toyTask(seed: number, n: number): { x: tf.Tensor2D; y: number[] } {
  const rng = new Rng(seed);
  const y = Array.from({ length: n }, (_, i) => i % 2);
  const x = y.flatMap((c) => [c === 0 ? -1 + 0.3 * rng.normal() : 1 + 0.3 * rng.normal(), ...Array.from({ length: 7 }, () => 3 * rng.normal())]);
  return { x: tf.tensor2d(x, [n, 8]), y };
}

describe('OnlineKnnMonitor', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('logs kNN accuracy every N steps; it rises as the encoder learns the signal', async () => {
    const train = toyTask(1, 200);
    const test = toyTask(2, 100);
    // A linear encoder 8 → 2 that "trains" from reading two noise dimensions to reading the signal.
    const encoder = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 2, useBias: false })] });
    const noise = Array.from({ length: 16 }, (_, k) => (k === 2 || k === 5 ? 1 : 0)); // dims 1 and 2
    const signal = Array.from({ length: 16 }, (_, k) => (k === 0 ? 1 : k === 1 ? 0.2 : 0)); // dim 0
    const setProgress = (t: number) => {
      const w = tf.tensor2d(noise.map((v, k) => (1 - t) * v + t * signal[k]!), [8, 2]);
      encoder.setWeights([w]);
      w.dispose();
    };
    setProgress(0);
    const monitor = new OnlineKnnMonitor({
      train: { inputs: train.x, labels: train.y },
      test: { inputs: test.x, labels: test.y },
      everySteps: 5,
      knn: { k: 20 },
      batchSize: 64,
    });
    const ctx = recordingContext(fakeObjective(encoder));
    const before = tf.memory().numTensors;
    await monitor.onTrainBegin(ctx);
    for (let step = 1; step <= 12; step++) {
      setProgress(step / 12);
      await monitor.onStepEnd(ctx, trainState(step, 12));
    }
    await monitor.onTrainEnd(ctx, trainState(12, 12));
    expect(tf.memory().numTensors).toBe(before);

    expect(monitor.history.map((h) => h.step)).toEqual([0, 5, 10, 12]);
    const acc = monitor.history.map((h) => h.accuracy);
    expect(acc[0]).toBeLessThan(0.7); // noise dims: near chance
    expect(acc[3]).toBeGreaterThan(0.95); // signal: nearly perfect
    for (let i = 1; i < acc.length; i++) expect(acc[i]!).toBeGreaterThanOrEqual(acc[i - 1]!);
    expect(ctx.events.filter((e) => e.event === 'knn').map((e) => e.fields)).toEqual(monitor.history);
    encoder.dispose();
    tf.dispose([train.x, test.x]);
  });

  it('embeds through objective.embed when the objective has one', async () => {
    const train = toyTask(3, 40);
    const test = toyTask(4, 20);
    const encoder = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 2, kernelInitializer: 'zeros' })] });
    // embed() reads the signal dimension directly: perfect kNN although the encoder is constant.
    const embed = (b: Record<string, tf.Tensor>) => tf.concat([tf.slice(b.x!, [0, 0], [-1, 1]), tf.onesLike(tf.slice(b.x!, [0, 0], [-1, 1]))], 1) as tf.Tensor2D;
    const monitor = new OnlineKnnMonitor({ train: { inputs: train.x, labels: train.y }, test: { inputs: test.x, labels: test.y }, knn: { k: 5 } });
    expect(await monitor.measure({ objective: fakeObjective(encoder, embed) })).toBe(1);
    encoder.dispose();
    tf.dispose([train.x, test.x]);
  });

  it('rejects labels that do not match the inputs', () => {
    const x = tf.zeros([4, 2]);
    expect(() => new OnlineKnnMonitor({ train: { inputs: x, labels: [0, 1, 0] }, test: { inputs: x, labels: [0, 1, 0, 1] } })).toThrow(/train has 4 inputs but 3 labels/);
    x.dispose();
  });
});
