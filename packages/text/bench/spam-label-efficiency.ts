/**
 * Spam classification label-efficiency benchmark (SpamAssassin, fixed seeded stratified split):
 * each pretext objective is pre-trained on ALL training mail without labels (word2vec also on SOTU
 * and Moby Dick) within a time budget, then evaluated at 1 % and 10 % labels over 3 seeds with a
 * linear probe and fine-tuning, against the same encoder trained supervised-only and against
 * TF-IDF + logistic regression. Not run in tests (a tiny version is in test/spam-benchmark.test.ts).
 *
 *   npx tsx --conditions development packages/text/bench/spam-label-efficiency.ts [minutesPerObjective=30]
 */
import { initBackend, labelEfficiency, Rng, labelFractionSubsets, tf, Trainer, type Callback, type Objective } from '@pretext/core';
import {
  encodeForModel, mobyDick, sotu, spamAssassin, splitWords, textTransformer, tfidfLogisticRegression, tokenBatches,
  Word2Vec, word2vecEncoder, WordTokenizer, CausalLm, MaskedLm,
} from '../src/index.js';

const minutes = Number(process.argv[2] ?? 30);
const FRACTIONS = [0.01, 0.1];
const SEEDS = [0, 1, 2];
const T = 128;
const ARCH = { maxLength: T, dim: 64, depth: 2, heads: 4, mlpRatio: 4, seed: 0 };

await initBackend();
const { train, test } = spamAssassin();
console.log(`SpamAssassin: ${train.texts.length} train, ${test.texts.length} test; budget ${minutes} min per objective`);
const tok = WordTokenizer.train(train.texts, { minCount: 3, maxVocab: 20_000, punctuation: false });
const ids = async (texts: readonly string[]) => encodeForModel(tok, texts, { maxLength: T });
const xTrain = tf.tensor2d(await ids(train.texts), [train.texts.length, T], 'int32');
const xTest = tf.tensor2d(await ids(test.texts), [test.texts.length, T], 'int32');
const results: Record<string, string | number>[] = [];

function budget(ms: number): Callback {
  const end = Date.now() + ms;
  return { onStepEnd: (ctx) => (Date.now() > end ? ctx.stop('time budget') : undefined) };
}

async function pretrain(objective: Objective): Promise<void> {
  const trainer = new Trainer(objective, { lr: 1e-3, schedule: { type: 'cosine', warmupSteps: 200 }, seed: 0 });
  const all = await ids(train.texts);
  await trainer.fit(tokenBatches(all, T, 32, 0), { steps: 1_000_000, callbacks: [budget(minutes * 60_000)] });
  trainer.dispose();
}

async function study(name: string, encoder: tf.LayersModel, factory: (seed: number) => tf.LayersModel): Promise<void> {
  const report = await labelEfficiency({
    encoder, encoderFactory: factory, train: { inputs: xTrain, labels: train.labels }, test: { inputs: xTest, labels: test.labels },
    fractions: FRACTIONS, seeds: SEEDS, protocols: ['linear-probe', 'fine-tune', 'supervised'], fineTune: { maxEpochs: 20 }, supervised: { maxEpochs: 20 },
  });
  for (const r of report.summary) results.push({ objective: name, ...(r as unknown as Record<string, string | number>) });
  console.table(results);
}

// word2vec: fast typed-array skip-gram on train mail + SOTU + Moby Dick, then a mean-of-vectors encoder.
const w2vText = [...train.texts, ...sotu().map((s) => s.text), ...mobyDick().map((c) => c.text)];
const w2v = Word2Vec.train(w2vText.map((t) => splitWords(t, { punctuation: false })), { dim: 100, epochs: 5, minCount: 3 });
console.log(`word2vec: ${Math.round(w2v.stats!.words / w2v.stats!.seconds)} words/s`);
const w2vEnc = word2vecEncoder(w2v, tok);
const randomVectors = (seed: number) => {
  const rng = new Rng(seed);
  return new Word2Vec(w2v.words, Float32Array.from(w2v.vectors, () => (rng.next() - 0.5) / w2v.dim), w2v.dim);
};
await study('word2vec (skip-gram)', w2vEnc, (seed) => word2vecEncoder(randomVectors(seed), tok));

for (const [name, make] of [['masked-lm', () => new MaskedLm({ vocabSize: tok.vocabSize, ...ARCH })], ['causal-lm', () => new CausalLm({ vocabSize: tok.vocabSize, ...ARCH })]] as const) {
  const objective = make();
  await pretrain(objective);
  await study(name, objective.encoder, (seed) => textTransformer({ vocabSize: tok.vocabSize, ...ARCH, seed }, name === 'causal-lm'));
  objective.dispose();
}

// TF-IDF + logistic regression on the same labeled subsets.
for (const fraction of FRACTIONS) {
  const accs: number[] = [];
  for (const seed of SEEDS) {
    const [s] = labelFractionSubsets(train.labels, [fraction], seed);
    const labeled = { texts: s!.indices.map((i) => train.texts[i]!), labels: s!.indices.map((i) => train.labels[i]!) };
    accs.push(await tfidfLogisticRegression(labeled, test, { fitOn: train.texts, probe: { seed } }));
  }
  const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
  const std = Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / accs.length);
  results.push({ objective: 'tf-idf + logistic regression', protocol: 'supervised', fraction, mean, std });
}
console.table(results);
