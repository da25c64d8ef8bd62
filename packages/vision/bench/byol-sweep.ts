/**
 * Short BYOL runs that compare config variants by kNN accuracy on validation digits (run by
 * hand; this is how the BYOL settings of the MNIST benchmark were picked):
 *
 *   pnpm exec tsx --conditions=development packages/vision/bench/byol-sweep.ts TAG STEPS '{"baseMomentum":0.9}'
 *
 * Pre-trains BYOL (the benchmark's ResNet, `digits` augmentation, batch 128, AdamW, warm-up +
 * cosine to STEPS, lr 3e-3 unless the JSON sets `lr`) with the JSON's config overrides, then prints
 * one JSON line: loss, minutes, and kNN (k = 20) VALIDATION accuracy of the ONLINE and the TARGET
 * (EMA) encoder: a stratified quarter of the 8,000 training digits (seed 7) is classified from the
 * other three quarters, so the test digits stay unseen while settings are picked. Variants are
 * meant to run side by side with the same STEPS.
 */
import { createObjective, initBackend, labelEfficiency, labelFractionSubsets, Trainer, tf } from '@pretext/core';
import { mnist, type Byol } from '../src/index.js';
import { BENCH_ENCODERS, MNIST_INPUT } from './bench-encoders.js';

const [tag = 'byol', stepsArg = '600', json = '{}'] = process.argv.slice(2);
const { lr = 3e-3, ...overrides } = JSON.parse(json) as { lr?: number } & Record<string, unknown>;
const steps = Number(stepsArg);
if (!(Number.isInteger(steps) && steps > 0)) throw new Error(`byol-sweep: STEPS must be a positive integer, got ${stepsArg}`);
await initBackend({});
const { train } = await mnist();
const labels = train.labels!;
const valSet = new Set(labelFractionSubsets(labels, [0.25], 7)[0]!.indices);
const fitIdx = [...labels.keys()].filter((i) => !valSet.has(i));
const valIdx = [...valSet];
const images = train.images();
const xTrain = tf.gather(images, fitIdx);
const xTest = tf.gather(images, valIdx);
images.dispose();
const yTrain = Int32Array.from(fitIdx, (i) => labels[i]!);
const yTest = Int32Array.from(valIdx, (i) => labels[i]!);
const objective = createObjective('byol', { inputShape: MNIST_INPUT, encoder: BENCH_ENCODERS.resnet, augmentation: 'digits', seed: 0, ...overrides }) as Byol;
const t0 = performance.now();
const trainer = new Trainer(objective, { optimizer: { type: 'adamw', weightDecay: 1e-4 }, lr, schedule: { type: 'cosine', warmupSteps: 50 }, seed: 0, progress: 'none' });
const fit = await trainer.fit(train.batches({ batchSize: 128, seed: 1 }), { steps });
const minutes = (performance.now() - t0) / 60_000;
const knn = async (encoder: tf.LayersModel): Promise<number> =>
  (await labelEfficiency({ train: { inputs: xTrain, labels: yTrain }, test: { inputs: xTest, labels: yTest }, encoder, fractions: [1], seeds: [0], protocols: ['knn'], knn: { k: 20 } })).summary[0]!.mean;
console.log(JSON.stringify({ tag, steps, overrides, lr, minutes, loss: fit.loss, eval: `validation (${valIdx.length} of the training digits)`, knnOnline: await knn(objective.encoder), knnTarget: await knn(objective.targetEncoder) }));
trainer.dispose();
objective.dispose();
tf.dispose([xTrain, xTest]);
