import { labelFractionSubsets, tf } from '@pretext/core';
import { CausalLm, chunkTokens, encodeForModel, MaskedLm, spamAssassin, textTransformer, tokenBatches, WordTokenizer, type LabeledTexts } from '@pretext/text';
import { budgetedPretrain } from '../suite-runner/budgeted-pretrain.js';
import { LABEL_FRACTIONS, SUITE_PROTOCOLS, type ObjectivePlan, type SuiteConfig } from './suite-config.js';
import { registerSuite, type LoadedSuite } from './suite-definition.js';

/** Data settings of `text-spam`. */
export interface SpamData {
  readonly split: string;
  /** Tokens per sequence (pre-training chunks and classified mails, truncated). */
  readonly sequenceLength: number;
  /** Word vocabulary incl. specials (the tied LM head's logits must fit wasm memory). */
  readonly vocabSize: number;
  readonly minCount: number;
  /** Keep this many training / test mails (stratified subsample, seed 1); undefined: all. */
  readonly trainLimit?: number;
  readonly testLimit?: number;
}

const ARCH = { dim: 64, depth: 2, heads: 4, mlpRatio: 4 };

const plan = (objective: string, encoder: string): ObjectivePlan => ({
  objective,
  encoder,
  lr: 1e-3,
  weightDecay: 0.01,
  minutes: 20,
  batchSize: 32,
  warmupSteps: 200,
  clipNorm: 1,
});

/** `text-spam`, full: masked-LM and causal-LM transformers, 20 minutes each, 3 seeds. */
const full: SuiteConfig<SpamData> = {
  suite: 'text-spam',
  version: '1.0.0',
  variant: 'full',
  description: 'SpamAssassin ham/spam (4,837 train / 1,209 test): masked-LM and causal-LM 2-layer transformers (d 64, 4 heads) pre-trained on the training mail in 128-token chunks',
  data: { split: 'spamAssassin() seed 0: 80 / 20 stratified', sequenceLength: 128, vocabSize: 8000, minCount: 3 },
  encoders: { transformer: { ...ARCH, causal: false }, 'causal-transformer': { ...ARCH, causal: true } },
  objectives: [plan('masked-lm', 'transformer'), plan('causal-lm', 'causal-transformer')],
  evaluation: { fractions: LABEL_FRACTIONS, seeds: [0, 1, 2], protocols: SUITE_PROTOCOLS, knnK: 20, fineTuneMaxEpochs: 20, supervisedMaxEpochs: 20 },
};

/** `text-spam --quick`: 400 / 200 mails, 64 tokens, 20 s per objective, 1 seed. */
const quick: SuiteConfig<SpamData> = {
  ...full,
  variant: 'quick',
  description: `${full.description} — QUICK: 400 / 200 mails, 64 tokens, 20 s per objective, seed 0`,
  data: { ...full.data, sequenceLength: 64, vocabSize: 2000, minCount: 2, trainLimit: 400, testLimit: 200 },
  objectives: full.objectives.map((o) => ({ ...o, minutes: 1 / 3, batchSize: 16, warmupSteps: 5 })),
  evaluation: { ...full.evaluation, seeds: [0], knnK: 5, fineTuneMaxEpochs: 2, supervisedMaxEpochs: 2 },
};

function limit(set: LabeledTexts, n: number | undefined): LabeledTexts {
  if (n === undefined || n >= set.texts.length) return set;
  const [subset] = labelFractionSubsets(set.labels, [n / set.texts.length], 1);
  const idx = subset!.indices;
  return { ...set, texts: idx.map((i) => set.texts[i]!), labels: Int32Array.from(idx, (i) => set.labels[i]!) };
}

async function load(config: SuiteConfig<SpamData>, log: (line: string) => void): Promise<LoadedSuite> {
  const d = config.data;
  const split = spamAssassin();
  const train = limit(split.train, d.trainLimit);
  const test = limit(split.test, d.testLimit);
  const T = d.sequenceLength;
  const tok = WordTokenizer.train(train.texts, { minCount: d.minCount, maxVocab: d.vocabSize, punctuation: false });
  const ids = async (texts: readonly string[]): Promise<tf.Tensor2D> => tf.tensor2d(await encodeForModel(tok, texts, { maxLength: T }), [texts.length, T], 'int32');
  const xTrain = await ids(train.texts);
  const xTest = await ids(test.texts);
  const chunks = chunkTokens(await tok.encodeBatch(train.texts), T);
  log(`text-spam: ${train.texts.length} train / ${test.texts.length} test mails, vocab ${tok.vocabSize}, ${chunks.length / T} chunks of ${T} tokens`);
  const arch = (key: string, seed: number): { causal: boolean; config: Parameters<typeof textTransformer>[0] } => {
    const { causal, ...rest } = config.encoders[key] as typeof ARCH & { causal: boolean };
    return { causal, config: { vocabSize: tok.vocabSize, maxLength: T, ...rest, seed } };
  };
  return {
    train: { inputs: xTrain, labels: train.labels },
    test: { inputs: xTest, labels: test.labels },
    numClasses: 2,
    facts: { trainMails: train.texts.length, testMails: test.texts.length, vocabSize: tok.vocabSize, pretrainChunks: chunks.length / T },
    pretrain: (p, plog) => {
      const { causal, config: c } = arch(p.encoder, 0);
      return budgetedPretrain({
        plan: p,
        create: () => (causal ? new CausalLm(c) : new MaskedLm(c)),
        data: tokenBatches(chunks, T, p.batchSize, 0),
        log: plog,
      });
    },
    buildEncoder: (key, seed) => {
      const { causal, config: c } = arch(key, seed);
      return textTransformer(c, causal);
    },
    dispose: () => tf.dispose([xTrain, xTest]),
  };
}

/** The `text-spam` suite. */
export const textSpamSuite = registerSuite<SpamData>({ name: 'text-spam', full, quick, load });
