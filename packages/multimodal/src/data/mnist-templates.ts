import { DIGIT_WORDS } from '@pretext/audio';
import type { PromptTemplate } from '../eval/prompt-template.js';

/**
 * Caption templates of MNIST digits used for TRAINING: `{word}` is replaced by the digit's English
 * word (`seven`), `{numeral}` by its numeral (`7`); both forms are used, so that the text tower
 * learns both. Disjoint from {@link MNIST_EVALUATION_TEMPLATES}, as template strings and as
 * rendered captions.
 */
export const MNIST_TRAINING_TEMPLATES: readonly string[] = [
  'a handwritten {word}',
  'a handwritten {numeral}',
  'the digit {word}',
  'the digit {numeral}',
  'a photo of the number {word}',
  'handwritten number {numeral}',
  'an image of a {word}',
  'the number {numeral} written by hand',
  'a scanned digit: {word}',
  'a drawing of the numeral {numeral}',
  '{word}, written by hand',
  'a black and white picture of a {numeral}',
  'a small image of the digit {word}',
  'someone wrote a {numeral}',
];

/**
 * Prompt templates of MNIST digits held out for EVALUATION (zero-shot classification and
 * text→image retrieval): never seen in training, some with words the training captions never use.
 */
export const MNIST_EVALUATION_TEMPLATES: readonly string[] = [
  'a picture of a handwritten {numeral}',
  'this is the digit {word}',
  'a hand-drawn {word}',
  'an image showing the number {numeral}',
  'a written {word}',
  'the numeral {word}',
  'a photo of a {numeral}',
  'a blurry scan of the digit {numeral}',
];

/**
 * The caption of `digit` (0–9) from an MNIST template: `{word}` → `seven`, `{numeral}` → `7`.
 * @throws Error when the digit is not 0–9 or the template names neither placeholder.
 */
export function renderDigitCaption(template: string, digit: number): string {
  if (!(Number.isInteger(digit) && digit >= 0 && digit <= 9)) throw new Error(`renderDigitCaption: digit must be 0–9, got ${digit}`);
  if (!template.includes('{word}') && !template.includes('{numeral}')) {
    throw new Error(`renderDigitCaption: template '${template}' has neither a {word} nor a {numeral} placeholder`);
  }
  return template.split('{word}').join(DIGIT_WORDS[digit]!).split('{numeral}').join(String(digit));
}

/** MNIST templates as zero-shot {@link PromptTemplate}s for the classes 0–9 (class index = digit). */
export function digitPromptTemplates(templates: readonly string[]): PromptTemplate[] {
  return templates.map((t) => (_name: string, digit: number) => renderDigitCaption(t, digit));
}
