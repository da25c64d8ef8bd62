import { audioDigitsSuite } from './audio-digits.js';
import { multimodalMnistSuite } from './multimodal-mnist.js';
import type { RegisteredSuite } from './suite-definition.js';
import { textSpamSuite } from './text-spam.js';
import { visionMnistSuite } from './vision-mnist.js';

/** Every benchmark suite, by name. */
export const SUITES: Readonly<Record<string, RegisteredSuite>> = {
  [visionMnistSuite.name]: visionMnistSuite,
  [textSpamSuite.name]: textSpamSuite,
  [audioDigitsSuite.name]: audioDigitsSuite,
  [multimodalMnistSuite.name]: multimodalMnistSuite,
};

/** The suite names, in the order of the issue: vision, text, audio, multimodal. */
export const SUITE_NAMES: readonly string[] = Object.keys(SUITES);

/** The named suite; throws listing the known ones. */
export function getSuite(name: string): RegisteredSuite {
  const s = SUITES[name];
  if (!s) throw new Error(`unknown suite '${name}': use ${SUITE_NAMES.join(', ')}`);
  return s;
}
