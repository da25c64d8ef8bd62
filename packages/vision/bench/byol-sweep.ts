/**
 * Short BYOL runs that compare config variants by kNN accuracy with all training labels (run by
 * hand; this is how the BYOL settings of the MNIST benchmark were picked):
 *
 *   pnpm exec tsx --conditions=development packages/vision/bench/byol-sweep.ts TAG STEPS '{"baseMomentum":0.97}'
 *
 * Pre-trains BYOL (the benchmark's ResNet, `digits` augmentation, batch 128, AdamW, warm-up +
 * cosine to STEPS, lr 3e-3 unless the JSON sets `lr`) with the JSON's config overrides, then prints
 * one JSON line: loss, minutes, and kNN (k = 20) accuracy on the 2,000 test digits of the ONLINE and
 * the TARGET (EMA) encoder. Variants are meant to run side by side with the same STEPS.
 */
import { createObjective, initBackend, labelEfficiency, Trainer, tf } from '@pretext/core';
import { mnist, type Byol } from '../src/index.js';
import { BENCH_ENCODERS, MNIST_INPUT } from './bench-encoders.js';

const [tag = 'byol', stepsArg = '600', json = '{}'] = process.argv.slice(2);
const { lr = 3e-3, ...overrides } = JSON.parse(json) as { lr?: number } & Record<string, unknown>;
const steps = Number(stepsArg);
if (!(Number.isInteger(steps) && steps > 0)) throw new Error(`byol-sweep: STEPS must be a positive integer, got ${stepsArg}`);
await initBackend({});
const { train, test } = await mnist();
const xTrain = train.images();
const xTest = test.images();
const objective = createObjective('byol', { inputShape: MNIST_INPUT, encoder: BENCH_ENCODERS.resnet, augmentation: 'digits', seed: 0, ...overrides }) as Byol;
const t0 = performance.now();
const trainer = new Trainer(objective, { optimizer: { type: 'adamw', weightDecay: 1e-4 }, lr, schedule: { type: 'cosine', warmupSteps: 50 }, seed: 0, progress: 'none' });
const fit = await trainer.fit(train.batches({ batchSize: 128, seed: 1 }), { steps });
const minutes = (performance.now() - t0) / 60_000;
const knn = async (encoder: tf.LayersModel): Promise<number> =>
  (await labelEfficiency({ train: { inputs: xTrain, labels: train.labels! }, test: { inputs: xTest, labels: test.labels! }, encoder, fractions: [1], seeds: [0], protocols: ['knn'], knn: { k: 20 } })).summary[0]!.mean;
console.log(JSON.stringify({ tag, steps, overrides, lr, minutes, loss: fit.loss, knnOnline: await knn(objective.encoder), knnTarget: await knn(objective.targetEncoder) }));
trainer.dispose();
objective.dispose();
tf.dispose([xTrain, xTest]);
