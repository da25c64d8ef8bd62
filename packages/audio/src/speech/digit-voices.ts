/** The ten digit words espeak-ng speaks, index = digit. */
export const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

/** English accents of espeak-ng (its `gmw/en*` voices) used for speakers. */
export const DIGIT_ACCENTS = [
  'en-us',
  'en-gb',
  'en-gb-scotland',
  'en-gb-x-rp',
  'en-gb-x-gbclan',
  'en-gb-x-gbcwmd',
  'en-029',
  'en-us-nyc',
] as const;

/** espeak-ng voice variants (`+name`): male, female and other timbres. */
export const DIGIT_VARIANTS = ['m1', 'm3', 'm5', 'm7', 'f1', 'f2', 'f4', 'f5', 'klatt2', 'croak', 'whisper', 'grandma'] as const;

/**
 * The default speakers: every accent with every variant, as espeak-ng voice names
 * (`accent+variant`, e.g. `en-gb-scotland+f2`): 8 × 12 = 96 speakers.
 */
export function defaultSpeakers(): string[] {
  return DIGIT_ACCENTS.flatMap((a) => DIGIT_VARIANTS.map((v) => `${a}+${v}`));
}
