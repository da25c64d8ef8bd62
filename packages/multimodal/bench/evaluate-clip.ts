import { tf } from '@pretext/core';
import type { TextTokenizer } from '@pretext/text';
import { digitPromptTemplates, embedSide, renderDigitCaption, retrievalRecall, tokenizeCaptions, zeroShotClassifier, type CaptionPairs, type Clip } from '../src/index.js';

/** Zero-shot and retrieval numbers of a trained image–text CLIP on a captioned test set. */
export interface ClipEvaluation {
  /** Zero-shot accuracy with the evaluation prompts (never seen in training), prompt-ensembled. */
  readonly zeroShotUnseenPrompts: number;
  /** Zero-shot accuracy with the training templates, for reference. */
  readonly zeroShotTrainingPrompts: number;
  /** Recall@K of image → text and text → image retrieval over the test set, class relevance. */
  readonly retrieval: {
    readonly imageToText: Readonly<Record<number, number>>;
    readonly textToImage: Readonly<Record<number, number>>;
    readonly relevance: 'label';
    readonly captions: string;
  };
}

/** Options of {@link evaluateClip}. */
export interface EvaluateClipOptions {
  readonly clip: Clip;
  readonly tokenizer: TextTokenizer;
  readonly test: CaptionPairs;
  readonly trainingTemplates: readonly string[];
  readonly evaluationTemplates: readonly string[];
  readonly ks?: readonly number[];
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Zero-shot classification of the test images (classes 0–9 described by prompt templates,
 * ensembled) and cross-modal retrieval between the test images and the distinct evaluation
 * captions (every evaluation template rendered for every digit). MNIST captions describe a class,
 * not an image, so a retrieved item counts as relevant when it shows / names the same digit (class
 * relevance). Distinct captions, because the same caption string repeated for many images would
 * fill an image's top K with identical copies, making Recall@5 no more than Recall@1.
 */
export async function evaluateClip(o: EvaluateClipOptions): Promise<ClipEvaluation> {
  const images = o.test.media.gather();
  const labels = o.test.labels!;
  const ks = o.ks ?? [1, 5];
  const zeroShot = async (templates: readonly string[]): Promise<number> => {
    const classifier = await zeroShotClassifier(o.clip, DIGITS, digitPromptTemplates(templates), { tokenizer: o.tokenizer });
    try {
      return await classifier.accuracy(images, labels);
    } finally {
      classifier.dispose();
    }
  };
  const maxLength = o.clip.towers[1].config.modality === 'text' ? o.clip.towers[1].config.encoder.maxLength : 0;
  const captions = o.evaluationTemplates.flatMap((t) => DIGITS.map((_, d) => renderDigitCaption(t, d)));
  const captionLabels = o.evaluationTemplates.flatMap(() => DIGITS.map((_, d) => d));
  const tokens = await tokenizeCaptions(captions, { tokenizer: o.tokenizer, maxLength });
  const imageEmbeds = await embedSide(o.clip, 'a', images);
  const textEmbeds = await embedSide(o.clip, 'b', tokens);
  try {
    return {
      zeroShotUnseenPrompts: await zeroShot(o.evaluationTemplates),
      zeroShotTrainingPrompts: await zeroShot(o.trainingTemplates),
      retrieval: {
        imageToText: (await retrievalRecall(imageEmbeds, textEmbeds, { by: 'label', queryLabels: labels, itemLabels: captionLabels }, ks)).recall,
        textToImage: (await retrievalRecall(textEmbeds, imageEmbeds, { by: 'label', queryLabels: captionLabels, itemLabels: labels }, ks)).recall,
        relevance: 'label',
        captions: `the ${captions.length} distinct evaluation captions (${o.evaluationTemplates.length} templates × 10 digits)`,
      },
    };
  } finally {
    tf.dispose([images, tokens, imageEmbeds, textEmbeds]);
  }
}
