import { tf, type Batch, type Objective } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetedPretrain } from '../src/suite-runner/budgeted-pretrain.js';
import { runSuite } from '../src/suite-runner/run-suite.js';
import type { SuiteConfig } from '../src/suites/suite-config.js';
import { registerSuite, type LoadedSuite } from '../src/suites/suite-definition.js';
import { useTestBackend } from './helpers/backend.js';

/** A dense encoder on 4 features (seeded). */
const encoderOf = (seed: number): tf.LayersModel =>
  tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 6, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) })] });

/** A toy objective: pull the embeddings towards 1 (enough to exercise the budgeted trainer). */
function toyObjective(): Objective {
  const encoder = encoderOf(0);
  return {
    name: 'toy',
    encoder,
    trainableVariables: () => encoder.trainableWeights.map((w) => w.read() as tf.Variable),
    loss: (batch: Batch) => tf.tidy(() => tf.mean(tf.square(tf.sub(encoder.apply(batch.x!) as tf.Tensor, 1))) as tf.Scalar),
    getConfig: () => ({}),
    dispose: () => encoder.dispose(),
  };
}

const config: SuiteConfig<{ readonly n: number }> = {
  suite: 'toy',
  version: '0.0.1',
  variant: 'quick',
  description: 'three Gaussian blobs in 4-D',
  data: { n: 60 },
  encoders: { dense: { units: 6 } },
  objectives: [{ objective: 'toy', encoder: 'dense', lr: 1e-2, weightDecay: 0, minutes: 0.01, batchSize: 20, warmupSteps: 1 }],
  evaluation: { fractions: [0.1, 1], seeds: [0], protocols: ['knn', 'linear-probe', 'fine-tune'], knnK: 3, fineTuneMaxEpochs: 2, supervisedMaxEpochs: 2 },
};

function blobs(n: number, seed: number): { x: tf.Tensor2D; y: Int32Array } {
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  const x = tf.tidy(() => tf.add(tf.randomNormal([n, 4], 0, 0.3, 'float32', seed), tf.oneHot(tf.tensor1d(y, 'int32'), 4).mul(3)) as tf.Tensor2D);
  return { x, y };
}

const toySuite = registerSuite<{ readonly n: number }>({
  name: 'toy',
  full: { ...config, variant: 'full' },
  quick: config,
  load: async (c): Promise<LoadedSuite> => {
    const train = blobs(c.data.n, 1);
    const test = blobs(30, 2);
    // Fresh slices per epoch, made lazily: the trainer disposes each batch it takes, and a run
    // that stops mid-epoch never makes the rest.
    const batches = function* (): Generator<Batch> {
      for (const s of [0, 20, 40]) yield { x: train.x.slice([s, 0], [20, 4]) };
    };
    return {
      train: { inputs: train.x, labels: train.y },
      test: { inputs: test.x, labels: test.y },
      numClasses: 3,
      facts: { train: c.data.n, test: 30 },
      pretrain: (plan, log) => budgetedPretrain({ plan, create: toyObjective, data: batches, maxSteps: 30, log }),
      buildEncoder: (_key, seed) => encoderOf(seed),
      dispose: () => tf.dispose([train.x, test.x]),
    };
  },
});

describe('runSuite', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('pre-trains, evaluates every protocol × fraction × seed and the supervised baseline', async () => {
    const lines: string[] = [];
    const before = tf.memory().numTensors;
    const r = await runSuite({ suite: toySuite, config, log: (l) => lines.push(l) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.methods.map((m) => `${m.method}:${m.kind}`)).toEqual(['toy:pretrained', 'supervised:supervised']);
    const toy = r.methods[0]!;
    expect(toy.rows.map((x) => `${x.protocol}@${x.fraction}`).sort()).toEqual(
      ['fine-tune@0.1', 'fine-tune@1', 'knn@0.1', 'knn@1', 'linear-probe@0.1', 'linear-probe@1'],
    );
    expect(toy.pretraining!.steps).toBeGreaterThan(0);
    for (const x of [...toy.rows, ...r.methods[1]!.rows]) expect(x.accuracy).toBeGreaterThanOrEqual(0);
    expect(r.methods[1]!.rows.every((x) => x.protocol === 'supervised')).toBe(true);
    expect(r.parts[0]!.environment.seeds).toEqual([0]);
    expect(r.parts[0]!.environment.backend).toBeTruthy();
    expect(lines.some((l) => l.includes('toy (dense) knn'))).toBe(true);
  }, 60_000);

  it('runs only the selected methods, freeing every tensor it makes', async () => {
    const before = tf.memory().numTensors;
    const r = await runSuite({ suite: toySuite, config, methods: ['supervised'] });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.methods.map((m) => m.method)).toEqual(['supervised']);
    expect(r.parts[0]!.methods).toEqual(['supervised']);
  }, 60_000);
});
