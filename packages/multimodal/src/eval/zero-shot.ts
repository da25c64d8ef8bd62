import { extractEmbeddings, l2Normalize, tf } from '@pretext/core';
import type { TextTokenizer } from '@pretext/text';
import { tokenizeCaptions, type CaptionTokenization } from '../data/tokenize-captions.js';
import type { TowerSide } from '../model/tower.js';
import { Clip } from '../objectives/clip.js';
import { argmaxRows } from './argmax-rows.js';
import { ensemblePromptEmbeddings } from './ensemble-prompts.js';
import { renderPrompt, type PromptTemplate } from './prompt-template.js';

/** The two sides of a zero-shot classifier when it is not built from a {@link Clip}. */
export interface ZeroShotTowers {
  /** Embeddings of prompt token ids `[N, T]` → `[N, D]` (normalised or not). */
  embedText(tokens: tf.Tensor): tf.Tensor2D;
  /** Embeddings of the inputs to classify `[N, …]` → `[N, D]` (normalised or not). */
  embedInputs(inputs: tf.Tensor): tf.Tensor2D;
}

/** Options of {@link zeroShotClassifier}. */
export interface ZeroShotOptions {
  /** The tokenizer the text tower was trained with. */
  readonly tokenizer: TextTokenizer;
  /** Ids per prompt (default: the CLIP text tower's `maxLength`; required with {@link ZeroShotTowers}). */
  readonly maxLength?: number;
  /** Wrapping of the prompts, as in training (default none). */
  readonly wrap?: CaptionTokenization['wrap'];
  /** With a {@link Clip}: the text tower (default the one whose modality is `text`, `b` if both are). */
  readonly textSide?: TowerSide;
  /** Examples per forward pass (default 256). */
  readonly batchSize?: number;
}

/**
 * A zero-shot classifier: classes are described by prompts, embedded by the text tower and
 * ensembled; an input is given the class whose embedding is most similar to its own.
 */
export class ZeroShotClassifier {
  /** The class names, index = class. */
  readonly classNames: readonly string[];
  /** The prompts of each class (templates rendered). */
  readonly prompts: readonly (readonly string[])[];
  /** `[K, D]` unit-norm class embeddings (mean of the normalised prompt embeddings, renormalised). */
  readonly classEmbeddings: tf.Tensor2D;
  private readonly embedInputs: (x: tf.Tensor) => tf.Tensor;
  private readonly batchSize: number;

  /** Use {@link zeroShotClassifier} to build one. */
  constructor(classNames: readonly string[], prompts: readonly (readonly string[])[], classEmbeddings: tf.Tensor2D, embedInputs: (x: tf.Tensor) => tf.Tensor, batchSize = 256) {
    this.classNames = classNames;
    this.prompts = prompts;
    this.classEmbeddings = classEmbeddings;
    this.embedInputs = embedInputs;
    this.batchSize = batchSize;
  }

  /** Cosine similarities `[N, K]` of inputs `[N, …]` to every class (a tensor the caller owns). */
  async scores(inputs: tf.Tensor): Promise<tf.Tensor2D> {
    const classes = this.classEmbeddings;
    return extractEmbeddings((x) => tf.matMul(l2Normalize(this.embedInputs(x)), classes, false, true), inputs, { batchSize: this.batchSize });
  }

  /** The predicted class of each input (highest similarity; a tie goes to the lower class index). */
  async classify(inputs: tf.Tensor): Promise<Int32Array> {
    const s = await this.scores(inputs);
    try {
      return argmaxRows(await s.data(), s.shape[0], s.shape[1]);
    } finally {
      s.dispose();
    }
  }

  /** The fraction of `inputs` classified as `labels` (class indices). */
  async accuracy(inputs: tf.Tensor, labels: ArrayLike<number>): Promise<number> {
    if (labels.length !== inputs.shape[0]) throw new Error(`ZeroShotClassifier.accuracy: ${labels.length} labels for ${inputs.shape[0]} inputs`);
    const predicted = await this.classify(inputs);
    let hits = 0;
    predicted.forEach((p, i) => (hits += p === labels[i] ? 1 : 0));
    return hits / predicted.length;
  }

  /** Frees the class embeddings. */
  dispose(): void {
    this.classEmbeddings.dispose();
  }
}

/**
 * Builds a zero-shot classifier from a trained CLIP (or any text tower and input tower), class
 * names and prompt templates, with prompt ensembling: each class's embedding is the mean of its
 * templates' normalised prompt embeddings, normalised again (Radford et al. 2021, §3.1.4).
 *
 * @example
 * ```ts
 * const classifier = await zeroShotClassifier(clip, ['cat', 'dog'], ['a photo of a {}.', 'a drawing of a {}.'], { tokenizer });
 * const accuracy = await classifier.accuracy(images, labels);
 * classifier.dispose();
 * ```
 * @throws Error when there is no class or template, a string template has no `{}`, or the text side cannot be found.
 */
export async function zeroShotClassifier(model: Clip | ZeroShotTowers, classNames: readonly string[], templates: readonly PromptTemplate[], options: ZeroShotOptions): Promise<ZeroShotClassifier> {
  const where = 'zeroShotClassifier';
  if (classNames.length === 0) throw new Error(`${where}: no class names`);
  if (templates.length === 0) throw new Error(`${where}: no prompt templates`);
  const towers = model instanceof Clip ? clipTowers(model, options.textSide) : { ...bind(model), maxLength: undefined };
  const maxLength = options.maxLength ?? towers.maxLength;
  if (maxLength === undefined) throw new Error(`${where}: pass options.maxLength (the text tower's prompt length)`);
  const prompts = classNames.map((name, k) => templates.map((t) => renderPrompt(t, name, k)));
  const batchSize = options.batchSize ?? 256;
  const tokens = await tokenizeCaptions(prompts.flat(), { tokenizer: options.tokenizer, maxLength, ...(options.wrap ? { wrap: options.wrap } : {}) });
  let embeds: tf.Tensor2D;
  try {
    embeds = await extractEmbeddings(towers.embedText, tokens, { batchSize });
  } finally {
    tokens.dispose();
  }
  const classEmbeddings = tf.tidy(() => ensemblePromptEmbeddings(tf.reshape(embeds, [classNames.length, templates.length, -1]) as tf.Tensor3D));
  embeds.dispose();
  return new ZeroShotClassifier(classNames, prompts, classEmbeddings, towers.embedInputs, batchSize);
}

interface BoundTowers {
  readonly embedText: (tokens: tf.Tensor) => tf.Tensor;
  readonly embedInputs: (x: tf.Tensor) => tf.Tensor;
  readonly maxLength: number | undefined;
}

function bind(towers: ZeroShotTowers): Omit<BoundTowers, 'maxLength'> {
  return { embedText: (t) => towers.embedText(t), embedInputs: (x) => towers.embedInputs(x) };
}

function clipTowers(clip: Clip, textSide: TowerSide | undefined): BoundTowers {
  const side = textSide ?? (clip.towers[1].modality === 'text' ? 'b' : clip.towers[0].modality === 'text' ? 'a' : undefined);
  if (side === undefined) throw new Error('zeroShotClassifier: this CLIP has no text tower (towers are ' + clip.towers.map((t) => t.modality).join(' and ') + ')');
  const text = clip.tower(side);
  if (text.config.modality !== 'text') throw new Error(`zeroShotClassifier: textSide '${side}' is a ${text.modality} tower, not text`);
  const other: TowerSide = side === 'a' ? 'b' : 'a';
  return { embedText: (t) => clip.embedTower(side, t), embedInputs: (x) => clip.embedTower(other, x), maxLength: text.config.encoder.maxLength };
}
