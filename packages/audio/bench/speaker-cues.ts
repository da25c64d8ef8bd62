/**
 * Which speaker cues do the CPC encoder's features keep? A diagnostic of the spoken-digit corpus
 * (run by hand; not a test):
 *
 *   pnpm exec tsx --conditions=development packages/audio/bench/speaker-cues.ts \
 *     [--minutes 0] [--norm layer|group] [--config '{"batchNegatives":12}'] [--corpus data/spoken-digits]
 *
 * A corpus speaker is an espeak-ng `accent+variant` voice, so a speaker label splits into the voice
 * VARIANT (timbre: formants, breathiness) and the ACCENT (pronunciation). For a CPC encoder
 * (128 channels, 256 GRU units), randomly initialised or pre-trained for `--minutes` on the
 * unlabeled training clips, it pools the frames three ways — context mean (`cmean`, what `embed`
 * returns), context mean + std (`cms`), conv-latent mean + std (`zms`) — and linearly probes each
 * label (variant, accent, speaker on held-out takes; digit on held-out speakers) at 1 % and 10 %
 * labels with seeds 0 and 1, next to the same probe on MFCC features. Prints one line per
 * (features, label).
 */
import { parseArgs } from 'node:util';
import { createObjective, initBackend, labelEfficiency, pretrainWithinBudget, tf } from '@pretext/core';
import { clipFeatures, loadSpokenDigits, spokenDigits, splitIndices, stackWaves, waveBatches, type Cpc } from '../src/index.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '0' },
    norm: { type: 'string', default: 'layer' },
    config: { type: 'string', default: '{}' },
    corpus: { type: 'string', default: 'data/spoken-digits' },
  },
});
const minutes = Number(args.minutes);
if (!(minutes >= 0 && minutes <= 30)) throw new Error(`speaker-cues: --minutes must be in [0, 30], got ${args.minutes}`);
if (args.norm !== 'layer' && args.norm !== 'group') throw new Error(`speaker-cues: --norm must be layer or group, got ${args.norm}`);
const log = (line: string): void => console.error(`[${new Date().toISOString()}] ${line}`);

await initBackend();
await spokenDigits({ outDir: args.corpus, noise: { fraction: 0.3 }, seed: 0 });
const data = await loadSpokenDigits(args.corpus);
const sets = { train: splitIndices(data.splits, 'train'), takes: splitIndices(data.splits, 'speaker-test'), speakers: splitIndices(data.splits, 'test') };
const pick = (idx: number[]) => idx.map((i) => data.clips[i]!);
const waves = { train: stackWaves(pick(sets.train), 16_000), takes: stackWaves(pick(sets.takes), 16_000), speakers: stackWaves(pick(sets.speakers), 16_000) };

const norm = args.norm as 'layer' | 'group';
const config = { encoder: { channels: 128, norm }, context: { units: 256 }, predictionSteps: 12, ...(JSON.parse(args.config) as Record<string, unknown>) };
const cpc = createObjective('cpc', config) as Cpc;
if (minutes > 0) {
  let made = 0;
  await pretrainWithinBudget({
    create: () => (made++ === 0 ? createObjective('cpc', cpc.getConfig()) : cpc),
    data: waveBatches(waves.train, { batchSize: 16, seed: 0 }),
    minutes,
    maxSteps: 100_000,
    trainer: (steps) => ({ optimizer: { type: 'adamw', weightDecay: 1e-2 }, lr: 1e-3, schedule: { type: 'cosine', warmupSteps: Math.min(200, Math.floor(steps / 10)) }, clipNorm: 5, seed: 0, progress: 'none' }),
    log,
  });
}

/** The pooled features of every clip of `w`, 32 clips at a time. */
function pooled(w: tf.Tensor2D): Record<string, tf.Tensor2D> {
  const chunks: Record<string, tf.Tensor2D>[] = [];
  for (let i = 0; i < w.shape[0]; i += 32) {
    chunks.push(
      tf.tidy(() => {
        const z = cpc.features.predict(w.slice([i, 0], [Math.min(32, w.shape[0] - i), -1])) as tf.Tensor3D;
        const c = cpc.context.predict(z) as tf.Tensor3D;
        const meanStd = (t: tf.Tensor3D) => {
          const { mean, variance } = tf.moments(t, 1);
          return [mean, tf.sqrt(tf.add(variance, 1e-6))] as [tf.Tensor2D, tf.Tensor2D];
        };
        const [cm, cs] = meanStd(c);
        const [zm, zs] = meanStd(z);
        return { cmean: cm, cms: tf.concat([cm, cs], 1), zms: tf.concat([zm, zs], 1) };
      }),
    );
  }
  return Object.fromEntries(Object.keys(chunks[0]!).map((k) => [k, tf.concat(chunks.map((c) => c[k]!), 0)]));
}
const features: Record<string, Record<keyof typeof waves, tf.Tensor2D>> = {
  mfcc: { train: clipFeatures(pick(sets.train)), takes: clipFeatures(pick(sets.takes)), speakers: clipFeatures(pick(sets.speakers)) },
};
const learned = { train: pooled(waves.train), takes: pooled(waves.takes), speakers: pooled(waves.speakers) };
for (const k of Object.keys(learned.train)) features[k] = { train: learned.train[k]!, takes: learned.takes[k]!, speakers: learned.speakers[k]! };

const accentOf = data.speakerNames.map((n) => n.split('+')[0]!);
const variantOf = data.speakerNames.map((n) => n.split('+')[1] ?? n);
const index = (names: string[]): number[] => {
  const distinct = [...new Set(names)];
  return names.map((n) => distinct.indexOf(n));
};
const labelings = {
  variant: { of: index(variantOf), test: 'takes' },
  accent: { of: index(accentOf), test: 'takes' },
  speaker: { of: data.speakerNames.map((_, i) => i), test: 'takes' },
  digit: { of: undefined, test: 'speakers' },
} as const;
for (const [name, f] of Object.entries(features)) {
  for (const [label, { of, test }] of Object.entries(labelings)) {
    const labels = (idx: number[]) => Int32Array.from(idx, (i) => (of ? of[data.speakers[i]!]! : data.digits[i]!));
    const report = await labelEfficiency({
      train: { labels: labels(sets.train), inputs: waves.train },
      test: { labels: labels(sets[test]), inputs: waves[test] },
      embeddings: { train: f.train, test: f[test] },
      protocols: ['linear-probe'],
      fractions: [0.01, 0.1],
      seeds: [0, 1],
      numClasses: of ? Math.max(...of) + 1 : 10,
      linearProbe: { l2: [1e-4, 1e-2] },
    });
    const at = (fraction: number) => report.rows.filter((r) => r.fraction === fraction).map((r) => (100 * r.accuracy).toFixed(1)).join('/');
    console.log(`${name} ${label} 1%: ${at(0.01)}  10%: ${at(0.1)}`);
  }
}
