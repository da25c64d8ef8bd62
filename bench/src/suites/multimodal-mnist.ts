import { tf } from '@pretext/core';
import { Clip, digitPromptTemplates, mnistCaptions, zeroShotClassifier, type CaptionPairs, type ClipConfigInput } from '@pretext/multimodal';
import { WordTokenizer } from '@pretext/text';
import { buildEncoder, stratifiedHoldout, type EncoderConfigInput } from '@pretext/vision';
import { budgetedPretrain } from '../suite-runner/budgeted-pretrain.js';
import { LABEL_FRACTIONS, SUITE_PROTOCOLS, type SuiteConfig } from './suite-config.js';
import { registerSuite, type LoadedSuite } from './suite-definition.js';
import { MNIST_ENCODERS } from './vision-mnist.js';

/** Data settings of `multimodal-mnist`. */
export interface CaptionedMnistData {
  readonly split: string;
  /** Caption tokens (word tokenizer trained on the training captions only). */
  readonly captionLength: number;
  readonly trainLimit?: number;
  readonly testLimit?: number;
}

const INPUT: [number, number, 1] = [28, 28, 1];
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** The caption tower of multimodal's benchmark. */
const TEXT_TOWER = { maxLength: 10, dim: 64, depth: 2, heads: 4, mlpRatio: 2 };

/** `multimodal-mnist`, full: CLIP (ResNet image tower, transformer caption tower), 15 minutes, 3 seeds. */
const full: SuiteConfig<CaptionedMnistData> = {
  suite: 'multimodal-mnist',
  version: '1.0.0',
  variant: 'full',
  description: 'MNIST + template captions (8,000 train / 2,000 test): CLIP image tower (the vision suite\'s ResNet, digits augmentation) probed on digit labels',
  data: { split: 'mnistCaptions(): mnist() seed 0, training templates for train, unseen evaluation templates for test', captionLength: 10 },
  encoders: { resnet: MNIST_ENCODERS.resnet },
  objectives: [{ objective: 'clip', encoder: 'resnet', lr: 1e-3, weightDecay: 1e-4, minutes: 15, batchSize: 128, warmupSteps: 50 }],
  evaluation: { fractions: LABEL_FRACTIONS, seeds: [0, 1, 2], protocols: SUITE_PROTOCOLS, knnK: 20, fineTuneMaxEpochs: 50, supervisedMaxEpochs: 50 },
};

/** `multimodal-mnist --quick`: 600 / 200 pairs, 20 s, 1 seed. */
const quick: SuiteConfig<CaptionedMnistData> = {
  ...full,
  variant: 'quick',
  description: `${full.description} — QUICK: 600 / 200 pairs, 20 s, seed 0`,
  data: { ...full.data, trainLimit: 600, testLimit: 200 },
  objectives: full.objectives.map((o) => ({ ...o, minutes: 1 / 3, batchSize: 64, warmupSteps: 5 })),
  evaluation: { ...full.evaluation, seeds: [0], knnK: 5, fineTuneMaxEpochs: 3, supervisedMaxEpochs: 3 },
};

function limit(pairs: CaptionPairs, n: number | undefined): CaptionPairs {
  return n === undefined || n >= pairs.count ? pairs : pairs.subset(stratifiedHoldout(pairs.labels!, n, 1).test);
}

/** Zero-shot accuracy of a CLIP on `images` with prompt `templates` (ensembled). */
async function zeroShot(clip: Clip, tokenizer: WordTokenizer, templates: readonly string[], images: tf.Tensor, labels: Int32Array): Promise<number> {
  const classifier = await zeroShotClassifier(clip, DIGITS, digitPromptTemplates(templates), { tokenizer });
  try {
    return await classifier.accuracy(images, labels);
  } finally {
    classifier.dispose();
  }
}

async function load(config: SuiteConfig<CaptionedMnistData>): Promise<LoadedSuite> {
  const captions = await mnistCaptions();
  const train = limit(captions.train, config.data.trainLimit);
  const test = limit(captions.test, config.data.testLimit);
  const tokenizer = WordTokenizer.train(captions.train.distinctCaptions());
  const xTrain = train.media.gather();
  const xTest = test.media.gather();
  const imageEncoder = (key: string): EncoderConfigInput => config.encoders[key] as EncoderConfigInput;
  return {
    train: { inputs: xTrain, labels: train.labels! },
    test: { inputs: xTest, labels: test.labels! },
    numClasses: 10,
    facts: { trainPairs: train.count, testImages: test.count, captionVocab: tokenizer.vocabSize },
    pretrain: async (p, log) => {
      const clipConfig: ClipConfigInput = {
        a: { modality: 'image', inputShape: INPUT, encoder: imageEncoder(p.encoder), augmentation: 'digits' },
        b: { modality: 'text', encoder: { vocabSize: tokenizer.vocabSize, ...TEXT_TOWER, maxLength: config.data.captionLength } },
        embedDim: 64,
        seed: 0,
      };
      const stepsPerEpoch = Math.floor(train.count / p.batchSize);
      // Clip's `encoder` is the image tower's: that is what the protocols evaluate.
      return budgetedPretrain({
        plan: p,
        create: () => new Clip(clipConfig),
        data: await train.batches({ batchSize: p.batchSize, tokenizer, maxLength: config.data.captionLength, seed: 1 }),
        stepsPerEpoch,
        maxSteps: 200 * stepsPerEpoch,
        log,
        extra: async (objective) => ({
          zeroShotUnseenPrompts: await zeroShot(objective as Clip, tokenizer, captions.evaluationTemplates, xTest, test.labels!),
          logitScale: (objective as Clip).logitScale(),
        }),
      });
    },
    buildEncoder: (key, seed) => buildEncoder(imageEncoder(key), INPUT, seed),
    dispose: () => tf.dispose([xTrain, xTest]),
  };
}

/** The `multimodal-mnist` suite. */
export const multimodalMnistSuite = registerSuite<CaptionedMnistData>({ name: 'multimodal-mnist', full, quick, load: (c) => load(c) });
