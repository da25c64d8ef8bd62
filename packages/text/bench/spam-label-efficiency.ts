/**
 * Spam classification label-efficiency benchmark of @pretext/text (run by hand on a quiet machine,
 * not in tests; a tiny version is in test/spam-benchmark.test.ts):
 *
 *   pnpm exec tsx --conditions=development packages/text/bench/spam-label-efficiency.ts \
 *     [--minutes 30] [--objectives word2vec,masked-lm,causal-lm] [--seeds 0,1,2] [--tfidf true]
 *     [--out DIR] [--tag NAME]
 *   … --merge part1.json,part2.json [--out DIR]   (join runs made as separate processes)
 *
 * SpamAssassin with its fixed seeded stratified split (`spamAssassin()`). Each objective is
 * pre-trained on ALL training mail without labels — word2vec also on SOTU and Moby Dick, the
 * transformers on the training mail cut into 128-token chunks — masked-LM and causal-LM for at
 * most `--minutes` each (schedules planned to end within it), then evaluated at 1 % and 10 %
 * labels (per seed a stratified subset; mean ± std over the seeds) with a linear probe and
 * fine-tuning, against the same encoders trained supervised-only on the same labels and against
 * TF-IDF + logistic regression. Writes `spam-label-efficiency.json` and `.md` to `--out`
 * (default bench/results of this package).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  initBackend, labelEfficiency, labelEfficiencyTable, labelFractionSubsets, pretrainWithinBudget, Rng, summarizeLabelEfficiency, tf,
  type BudgetedRun, type EvalProtocol, type LabelEfficiencySummaryRow, type MethodSummary,
} from '@pretext/core';
import {
  CausalLm, chunkTokens, encodeForModel, MaskedLm, mobyDick, sotu, spamAssassin, splitWords, textTransformer, tfidfLogisticRegression, tokenBatches,
  Word2Vec, word2vecEncoder, WordTokenizer,
} from '../src/index.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    objectives: { type: 'string', default: 'word2vec,masked-lm,causal-lm' },
    seeds: { type: 'string', default: '0,1,2' },
    tfidf: { type: 'string', default: 'true' },
    tag: { type: 'string', default: '' },
    merge: { type: 'string', default: '' },
    out: { type: 'string', default: resolve(fileURLToPath(new URL('.', import.meta.url)), 'results') },
  },
});
type MethodResult = MethodSummary & { pretraining?: Record<string, unknown> };
const log = (line: string): void => console.error(`[${new Date().toISOString()}] ${line}`);
if (args.merge) {
  const parts = await Promise.all(args.merge.split(',').map(async (file) => ({ file, ...(JSON.parse(await readFile(file, 'utf8')) as { environment: Record<string, unknown>; results: MethodResult[] }) })));
  const seen = new Set<string>();
  const merged = parts.flatMap((p) => p.results).filter((r) => !seen.has(r.name) && seen.add(r.name));
  await writeReport({ parts: parts.map((p) => ({ file: p.file, ...p.environment })) }, merged, 'spam-label-efficiency');
  process.exit(0);
}
const minutes = Number(args.minutes);
const seeds = args.seeds.split(',').map(Number);
const objectives = args.objectives.split(',').filter(Boolean);
if (!(minutes > 0) || seeds.some((s) => !Number.isInteger(s))) throw new Error('spam-label-efficiency: --minutes must be > 0 and --seeds integers');
const FRACTIONS = [0.01, 0.1];
const T = 128;
const BATCH = 32;
/** Word vocabulary (specials included): the tied output layer makes [BATCH·T, VOCAB] logits, which must fit wasm memory with their gradients. */
const VOCAB = 8000;
const ARCH = { maxLength: T, dim: 64, depth: 2, heads: 4, mlpRatio: 4 };
const W2V = { dim: 100, epochs: 5, minCount: 3, seed: 0 };

const report = await initBackend();
const { train, test } = spamAssassin();
log(`backend ${report.backend}; SpamAssassin ${train.texts.length} train / ${test.texts.length} test; ${minutes} min per transformer objective`);
const tok = WordTokenizer.train(train.texts, { minCount: 3, maxVocab: VOCAB, punctuation: false });
const ids = async (texts: readonly string[]): Promise<tf.Tensor2D> => tf.tensor2d(await encodeForModel(tok, texts, { maxLength: T }), [texts.length, T], 'int32');
const labeled = { train: { inputs: await ids(train.texts), labels: train.labels }, test: { inputs: await ids(test.texts), labels: test.labels } };
const results: MethodResult[] = [];

async function study(encoder: tf.LayersModel | undefined, factory: (seed: number) => tf.LayersModel, protocols: EvalProtocol[]): Promise<LabelEfficiencySummaryRow[]> {
  const r = await labelEfficiency({
    ...labeled, encoder, encoderFactory: factory, fractions: FRACTIONS, seeds, protocols, fineTune: { maxEpochs: 20 }, supervised: { maxEpochs: 20 },
    onResult: (x) => log(`  ${x.protocol} ${x.fraction * 100}% seed ${x.seed}: ${(100 * x.accuracy).toFixed(1)}%`),
  });
  return r.summary;
}

if (objectives.includes('word2vec')) {
  const corpus = [...train.texts, ...sotu().map((s) => s.text), ...mobyDick().map((c) => c.text)];
  const w2v = Word2Vec.train(corpus.map((t) => splitWords(t, { punctuation: false })), W2V);
  const stats = w2v.stats!;
  log(`word2vec: ${stats.words} words in ${stats.seconds.toFixed(0)} s (${Math.round(stats.words / stats.seconds)} words/s)`);
  const randomVectors = (seed: number): Word2Vec => {
    const rng = new Rng(seed);
    return new Word2Vec(w2v.words, Float32Array.from(w2v.vectors, () => (rng.next() - 0.5) / w2v.dim), w2v.dim);
  };
  const factory = (seed: number): tf.LayersModel => word2vecEncoder(randomVectors(seed), tok);
  const encoder = word2vecEncoder(w2v, tok);
  results.push({ name: 'word2vec skip-gram (mean of vectors)', summary: await study(encoder, factory, ['linear-probe', 'fine-tune']), pretraining: { seconds: stats.seconds, words: stats.words } });
  results.push({ name: 'supervised only (mean of vectors)', summary: await study(undefined, factory, ['supervised']) });
  encoder.dispose();
}

const transformers = objectives.filter((o) => o === 'masked-lm' || o === 'causal-lm');
if (transformers.length > 0) {
  const chunks = chunkTokens(await tok.encodeBatch(train.texts), T);
  log(`transformer pre-training data: ${chunks.length / T} chunks of ${T} tokens`);
  for (const name of transformers) {
    const causal = name === 'causal-lm';
    const run: BudgetedRun = await pretrainWithinBudget({
      create: () => (causal ? new CausalLm({ vocabSize: tok.vocabSize, ...ARCH, seed: 0 }) : new MaskedLm({ vocabSize: tok.vocabSize, ...ARCH, seed: 0 })),
      data: tokenBatches(chunks, T, BATCH, 0),
      minutes,
      trainer: (steps) => ({
        optimizer: { type: 'adamw', weightDecay: 0.01 },
        lr: 1e-3,
        schedule: { type: 'cosine', warmupSteps: Math.min(200, Math.floor(steps / 10)) },
        clipNorm: 1,
        seed: 0,
        logEvery: 50,
        progress: 'jsonl',
        logTo: process.stderr,
      }),
      log,
    });
    log(`${name}: ${run.steps} steps in ${(run.seconds / 60).toFixed(1)} min, final loss ${run.finalLoss.toFixed(4)}`);
    const factory = (seed: number): tf.LayersModel => textTransformer({ vocabSize: tok.vocabSize, ...ARCH, seed }, causal);
    const { objective, ...pretraining } = run;
    results.push({ name: `${name} (transformer)`, summary: await study(objective.encoder, factory, ['linear-probe', 'fine-tune']), pretraining });
    objective.dispose();
    results.push({ name: `supervised only (${causal ? 'causal ' : ''}transformer)`, summary: await study(undefined, factory, ['supervised']) });
  }
}

const tfidfRows = [];
for (const seed of args.tfidf === 'false' ? [] : seeds) {
  for (const fraction of FRACTIONS) {
    const [subset] = labelFractionSubsets(train.labels, [fraction], seed);
    const few = { texts: subset!.indices.map((i) => train.texts[i]!), labels: subset!.indices.map((i) => train.labels[i]!) };
    const accuracy = await tfidfLogisticRegression(few, test, { fitOn: train.texts, probe: { seed } });
    log(`  tf-idf ${fraction * 100}% seed ${seed}: ${(100 * accuracy).toFixed(1)}%`);
    tfidfRows.push({ protocol: 'logistic regression', fraction, seed, accuracy, labeled: few.texts.length });
  }
}
if (tfidfRows.length > 0) results.push({ name: 'tf-idf + logistic regression', summary: summarizeLabelEfficiency(tfidfRows) });
const environment = { backend: report.backend, versions: report.versions, minutesPerObjective: minutes, seeds, batchSize: BATCH, sequenceLength: T, transformer: ARCH, word2vec: W2V, vocabSize: tok.vocabSize, date: new Date().toISOString() };
await writeReport(environment, results, `spam-label-efficiency${args.tag ? `-${args.tag}` : ''}`);
tf.dispose([labeled.train.inputs, labeled.test.inputs]);

/** Writes `base.json` and `base.md` to `--out`: the table, the target verdict, the pre-training runs, the environment. */
async function writeReport(environment: Record<string, unknown>, results: readonly MethodResult[], base: string): Promise<void> {
  const at1 = (r: MethodSummary, protocols: string[]): number => Math.max(...r.summary.filter((s) => s.fraction === 0.01 && protocols.includes(s.protocol)).map((s) => s.mean));
  const baselines = Math.max(...results.filter((r) => r.name.startsWith('supervised') || r.name.startsWith('tf-idf')).map((r) => at1(r, ['supervised', 'logistic regression'])));
  const best = results.filter((r) => r.pretraining).map((r) => ({ name: r.name, acc: at1(r, ['linear-probe', 'fine-tune']) })).sort((a, b) => b.acc - a.acc)[0];
  const verdict = best
    ? `Best pre-trained method at 1 % labels: ${best.name}, ${(100 * best.acc).toFixed(1)} % vs the best baseline ${(100 * baselines).toFixed(1)} %: target (beat both baselines) ${best.acc > baselines ? 'MET' : 'NOT met'}.`
    : 'No pre-trained objective was run.';
  log(verdict);

  const md = [
    '# SpamAssassin label efficiency (@pretext/text)',
    '',
    `Test accuracy (%) on the held-out mails (20 % of each class), mean ± std over seeds; each seed draws its own stratified labeled subset.`,
    '',
    labelEfficiencyTable(results),
    '',
    verdict,
    '',
    '## Pre-training',
    '',
    ...results.filter((r) => r.pretraining).map((r) => `- ${r.name}: \`${JSON.stringify(r.pretraining)}\``),
    '',
    '## Environment',
    '',
    '```json',
    JSON.stringify(environment, null, 2),
    '```',
    '',
  ].join('\n');
  await mkdir(args.out, { recursive: true });
  await writeFile(join(args.out, `${base}.json`), `${JSON.stringify({ environment, results, verdict }, null, 2)}\n`);
  await writeFile(join(args.out, `${base}.md`), md);
  log(`wrote ${join(args.out, base)}.{json,md}`);
}
