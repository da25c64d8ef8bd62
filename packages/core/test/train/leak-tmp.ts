import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import { Trainer } from '../../src/train/index.js';
import { toy, toyData } from './toy-objective.js';
await initBackend({ prefer: 'wasm', env: {} });
for (const opts of [{}, { accumulate: 2 }, { clipNorm: 0.5 }, { optimizer: { type: 'lars' as const } }, {logEvery: 7}]) {
  const counts: number[] = [];
  await new Trainer(toy(), { progress: 'none', ...opts }).fit(toyData(6, 8), { steps: 10, callbacks: [{ onStepEnd: () => void counts.push(tf.memory().numTensors) }] });
  console.log(JSON.stringify(opts), counts.join(','));
}
