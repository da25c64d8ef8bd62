import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CollapseMonitor } from '../../src/eval/collapse-monitor.js';
import { effectiveRank, embeddingCollapseStats } from '../../src/eval/embedding-collapse-stats.js';
import { Rng } from '../../src/tensor/rng.js';
import { useTestBackend } from '../helpers/backend.js';
import { fakeObjective, recordingContext, trainState } from './fixtures.js';

function gaussian(seed: number, n: number, d: number): tf.Tensor2D {
  const rng = new Rng(seed);
  return tf.tensor2d(Float32Array.from({ length: n * d }, () => rng.normal()), [n, d]);
}

/** Rows `a_i · v` with positive a_i: every embedding points the same way. */
function rankOne(seed: number, n: number, d: number): tf.Tensor2D {
  const rng = new Rng(seed);
  const v = Array.from({ length: d }, () => rng.normal());
  const scale = Array.from({ length: n }, () => 0.5 + rng.next());
  return tf.tensor2d(Float32Array.from({ length: n * d }, (_, k) => scale[Math.floor(k / d)]! * v[k % d]!), [n, d]);
}

describe('effectiveRank (RankMe)', () => {
  it('is the exponential of the entropy of the normalised singular values', () => {
    expect(effectiveRank([1, 1, 1, 1])).toBeCloseTo(4, 4);
    expect(effectiveRank([3, 0, 0])).toBeCloseTo(1, 4);
    expect(effectiveRank([2, 2, 0, 0])).toBeCloseTo(2, 4);
    const p = [0.5, 0.25, 0.25];
    expect(effectiveRank([2, 1, 1])).toBeCloseTo(Math.exp(-p.reduce((a, x) => a + x * Math.log(x), 0)), 5);
    expect(effectiveRank([0, 0])).toBe(0);
    expect(() => effectiveRank([1, -1])).toThrow(/>= 0/);
  });
});

describe('embeddingCollapseStats', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('healthy isotropic embeddings: std ≈ 1/√d and effective rank ≈ d', async () => {
    const z = gaussian(1, 512, 32);
    const s = await embeddingCollapseStats(z);
    expect(s.expectedStd).toBeCloseTo(1 / Math.sqrt(32), 12);
    expect(s.std / s.expectedStd).toBeGreaterThan(0.9);
    expect(s.std / s.expectedStd).toBeLessThan(1.1);
    expect(s.effectiveRank).toBeGreaterThan(28);
    expect(s.effectiveRank).toBeLessThanOrEqual(32);
    expect([s.dim, s.samples]).toEqual([32, 512]);
    // fewer samples than dimensions: the rank is bounded by the batch (n × n Gram path)
    const wide = await embeddingCollapseStats(gaussian(2, 16, 64));
    expect(wide.effectiveRank).toBeGreaterThan(12);
    expect(wide.effectiveRank).toBeLessThanOrEqual(16);
    tf.dispose(z);
  });

  it('collapsed embeddings: identical rows and rank-1 rows give std 0 and effective rank 1', async () => {
    const identical = tf.tile(tf.tensor2d([[0.3, -1, 2, 0.5, 0, 1, -0.2, 4]]), [100, 1]) as tf.Tensor2D;
    const same = await embeddingCollapseStats(identical);
    expect(same.std).toBeLessThan(1e-6);
    expect(same.effectiveRank).toBeCloseTo(1, 3);
    const r1 = rankOne(3, 200, 16);
    const line = await embeddingCollapseStats(r1);
    expect(line.std).toBeLessThan(1e-6);
    expect(line.effectiveRank).toBeCloseTo(1, 3);
    // two orthogonal directions with equal energy: effective rank 2
    const two = tf.tensor2d(Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? [1, 0, 0] : [0, 1, 0])));
    expect((await embeddingCollapseStats(two)).effectiveRank).toBeCloseTo(2, 3);
    tf.dispose([identical, r1, two]);
  });
});

describe('CollapseMonitor', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  const identityEmbed = (batch: Record<string, tf.Tensor>) => tf.clone(batch.x!) as tf.Tensor2D;

  it('logs std and effective rank every N steps and stays quiet on healthy embeddings', async () => {
    const probe = gaussian(4, 256, 8);
    const warnings: string[] = [];
    const monitor = new CollapseMonitor({ probe, everySteps: 2, warn: (m) => warnings.push(m) });
    const encoder = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 8 })] });
    const ctx = recordingContext(fakeObjective(encoder, identityEmbed));
    const before = tf.memory().numTensors;
    await monitor.onTrainBegin(ctx);
    for (let step = 1; step <= 4; step++) await monitor.onStepEnd(ctx, trainState(step));
    await monitor.onTrainEnd(ctx, trainState(4));
    expect(tf.memory().numTensors).toBe(before);
    expect(monitor.history.map((h) => h.step)).toEqual([0, 2, 4]);
    const logged = ctx.events.filter((e) => e.event === 'collapse');
    expect(logged).toHaveLength(3);
    expect(logged[0]!.fields).toMatchObject({ step: 0, dim: 8 });
    expect(logged[0]!.fields.effectiveRank as number).toBeGreaterThan(7);
    expect(logged[0]!.fields.std as number).toBeGreaterThan(0.8 / Math.sqrt(8));
    expect(ctx.events.some((e) => e.event === 'collapse-warning')).toBe(false);
    expect(warnings).toEqual([]);
    encoder.dispose();
    tf.dispose(probe);
  });

  it('warns on collapse: a collapse-warning event each time, a console warning once', async () => {
    const probe = gaussian(5, 64, 8);
    const warnings: string[] = [];
    const monitor = new CollapseMonitor({ probe, everySteps: 1, atStart: false, warn: (m) => warnings.push(m) });
    // An encoder whose output ignores the input (zero kernel, fixed bias): complete collapse.
    const collapsed = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 8, kernelInitializer: 'zeros', biasInitializer: 'ones' })] });
    const ctx = recordingContext(fakeObjective(collapsed)); // no embed(): encoder.predict(x)
    await monitor.onTrainBegin(ctx);
    await monitor.onStepEnd(ctx, trainState(1));
    await monitor.onStepEnd(ctx, trainState(2));
    expect(monitor.history.map((h) => [h.step, h.collapsed])).toEqual([[1, true], [2, true]]);
    expect(monitor.history[0]!.std).toBeLessThan(1e-6);
    expect(monitor.history[0]!.effectiveRank).toBeCloseTo(1, 3);
    const warned = ctx.events.filter((e) => e.event === 'collapse-warning');
    expect(warned).toHaveLength(2);
    expect(warned[0]!.fields.reason).toMatch(/std .*effective rank/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/collapse suspected at step 1/);
    collapsed.dispose();
    tf.dispose(probe);
  });

  it('rejects bad settings', () => {
    const probe = gaussian(6, 1, 8);
    expect(() => new CollapseMonitor({ probe })).toThrow(/at least 2/);
    expect(() => new CollapseMonitor({ probe: gaussian(6, 4, 8), everySteps: 0 })).toThrow(/everySteps/);
    tf.dispose(probe);
  });
});
