/**
 * Quickstart: a contrastive objective (NT-Xent on two noisy views) pre-trains a small dense encoder
 * on unlabeled vectors drawn from 8 clusters, then a label-efficiency study compares kNN and a
 * linear probe at 1% and 10% labels against the same encoder trained supervised-only.
 *
 *   pnpm tsx --conditions=development packages/core/examples/quickstart.ts
 */
import { z } from 'zod';
import {
  createObjective, initBackend, labelEfficiency, mixSeed, ntXentLoss, registerObjective, Rng, tf, Trainer,
  type Batch, type Objective, type StepContext,
} from '@pretext/core';

const schema = z.strictObject({ inputDim: z.number().int().default(32), embedDim: z.number().int().default(16), noise: z.number().default(0.5) });
type Config = z.output<typeof schema>;

const encoderFactory = (dim: number, out: number, seed = 1) => () =>
  tf.sequential({ layers: [
    tf.layers.dense({ units: 64, activation: 'relu', inputShape: [dim], kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
    tf.layers.dense({ units: out, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
  ] });

/** Two noisy views of each vector should embed close together, apart from the rest of the batch. */
class NoisyViewsContrastive implements Objective {
  readonly name = 'noisy-views';
  readonly encoder: tf.LayersModel;
  constructor(readonly config: Config) {
    this.encoder = encoderFactory(config.inputDim, config.embedDim)();
  }
  trainableVariables() {
    return this.encoder.trainableWeights.map((w) => w.read() as tf.Variable);
  }
  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    return tf.tidy(() => {
      const x = batch.x!;
      const view = (k: number) => tf.add(x, tf.randomNormal(x.shape, 0, this.config.noise, 'float32', mixSeed(ctx.seed, k)));
      const z1 = this.encoder.apply(view(1), { training: true }) as tf.Tensor2D;
      const z2 = this.encoder.apply(view(2), { training: true }) as tf.Tensor2D;
      return ntXentLoss(z1, z2, { temperature: 0.2 });
    });
  }
  getConfig() {
    return { ...this.config };
  }
  dispose() {
    this.encoder.dispose();
  }
}
registerObjective('noisy-views', { schema, create: (c) => new NoisyViewsContrastive(c), description: 'NT-Xent on noisy views' });

/** 8 random cluster centres; `sample` draws `n` noisy vectors around them, labeled by cluster. */
const centreRng = new Rng(0);
const centres = Array.from({ length: 8 }, () => Array.from({ length: 32 }, () => centreRng.normal()));
function sample(n: number, seed: number): { x: tf.Tensor2D; y: number[] } {
  const rng = new Rng(seed);
  const y = Array.from({ length: n }, () => rng.int(8));
  const x = tf.tensor2d(y.map((c) => centres[c]!.map((v) => v + 1.5 * rng.normal())));
  return { x, y };
}

const report = await initBackend();
console.log(`backend: ${report.backend}`);
const train = sample(2000, 1);
const test = sample(1000, 2);

const objective = createObjective('noisy-views', {});
const trainer = new Trainer(objective, {
  optimizer: { type: 'adamw' }, lr: 3e-3, schedule: { type: 'cosine', warmupSteps: 20 }, seed: 0, progress: 'none',
});
const batches = (epoch: number) => {
  const order = new Rng(mixSeed(0, epoch)).permutation(2000);
  return (function* () {
    for (let i = 0; i + 128 <= order.length; i += 128) yield { x: tf.gather(train.x, order.slice(i, i + 128)) };
  })();
};
const fit = await trainer.fit(batches, { epochs: 10, stepsPerEpoch: 15 });
console.log(`pre-trained ${fit.step} steps, loss ${fit.loss.toFixed(3)}`);

const study = await labelEfficiency({
  encoder: objective.encoder,
  encoderFactory: encoderFactory(32, 16, 7),
  train: { inputs: train.x, labels: train.y },
  test: { inputs: test.x, labels: test.y },
  fractions: [0.01, 0.1],
  seeds: [0, 1, 2],
  protocols: ['knn', 'linear-probe', 'supervised'],
  knn: { k: 20 },
});
for (const r of study.summary) console.log(`${r.protocol.padEnd(13)} ${String(r.fraction * 100).padStart(3)}% labels: ${(100 * r.mean).toFixed(1)} ± ${(100 * r.std).toFixed(1)}`);
