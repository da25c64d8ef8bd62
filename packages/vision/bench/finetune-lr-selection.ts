/**
 * Picks the fine-tuning encoder learning-rate scale of a saved pre-trained encoder WITHOUT looking
 * at the test digits (run by hand, not in tests):
 *
 *   pnpm exec tsx --conditions=development packages/vision/bench/finetune-lr-selection.ts \
 *     --encoder packages/vision/bench/encoders/mae --architecture vit [--scales 0.1,0.3,1] [--seeds 0,1,2]
 *
 * The 8,000 training digits of `mnist()` are split (seeded, stratified) into a 6,000-digit pool
 * and 2,000 validation digits; per seed, 80 pool labels (as many as the benchmark's 1 %) are
 * fine-tuned with each scale (core's `fineTune` protocol: head Adam 1e-3, encoder 1e-3 · scale)
 * and scored on the validation digits. Prints mean ± std per scale; the benchmark then uses the
 * best scale (`--finetune-lr-scale` of mnist-label-efficiency.ts).
 */
import { parseArgs } from 'node:util';
import { initBackend, labelEfficiency, loadEncoder, tf } from '@pretext/core';
import { buildEncoder, mnist, stratifiedHoldout } from '../src/index.js';
import { BENCH_ENCODERS, MNIST_INPUT } from './bench-encoders.js';

const { values: args } = parseArgs({
  options: {
    encoder: { type: 'string' },
    architecture: { type: 'string', default: 'vit' },
    scales: { type: 'string', default: '0.1,0.3,1' },
    seeds: { type: 'string', default: '0,1,2' },
  },
});
const architecture = BENCH_ENCODERS[args.architecture];
if (!args.encoder || !architecture) throw new Error('finetune-lr-selection: --encoder DIR and --architecture resnet|vit are required');
await initBackend({});
const { train } = await mnist();
const labels = train.labels!;
const split = stratifiedHoldout(labels, 2000, 7);
const pool = train.subset(split.train);
const validation = train.subset(split.test);
const xPool = pool.images();
const xVal = validation.images();
const encoder = await loadEncoder(args.encoder);
const seeds = args.seeds.split(',').map(Number);
for (const scale of args.scales.split(',').map(Number)) {
  const report = await labelEfficiency({
    train: { inputs: xPool, labels: pool.labels! },
    test: { inputs: xVal, labels: validation.labels! },
    encoder,
    encoderFactory: (seed) => buildEncoder(architecture, MNIST_INPUT, seed),
    fractions: [80 / split.train.length],
    seeds,
    protocols: ['fine-tune'],
    fineTune: { encoderLrScale: scale },
  });
  const s = report.summary[0]!;
  console.log(`encoderLrScale ${scale}: validation accuracy ${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)} (${report.rows.map((r) => (100 * r.accuracy).toFixed(1)).join(', ')})`);
}
tf.dispose([xPool, xVal]);
encoder.dispose();
