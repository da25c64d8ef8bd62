import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DataKind } from './data-kind.js';
import type { DataOptions, LoadedData, TextSet } from './loaded-data.js';
import { need, type Modalities } from '../modalities/load-modalities.js';

/** A data set that ships with (or is synthesised by) a modality package, usable as `--data <name>`. */
export interface BuiltinData {
  readonly kind: DataKind;
  readonly description: string;
  readonly load: (m: Modalities, o: DataOptions) => Promise<LoadedData>;
}

/** Where synthesised corpora (spoken digits) are cached: `$PRETEXT_CACHE` or `~/.cache/pretext`. */
export function cacheDir(): string {
  return process.env.PRETEXT_CACHE ?? join(homedir(), '.cache', 'pretext');
}

const unlabeled = (texts: string[], sources: string[]): TextSet => ({ texts, sources });

/** The built-in data sets by name. */
export const BUILTIN_DATA: Readonly<Record<string, BuiltinData>> = {
  mnist: {
    kind: 'images',
    description: 'MNIST digits 28×28×1, fixed 8,000 / 2,000 labeled split (@pretext/vision)',
    load: async (m) => {
      const { train, test } = await need(m, 'vision').mnist();
      return { kind: 'images', name: 'mnist', train, test };
    },
  },
  spam: {
    kind: 'text',
    description: 'SpamAssassin ham/spam mails, fixed stratified split (@pretext/text)',
    load: async (m) => {
      const { train, test } = need(m, 'text').spamAssassin();
      return { kind: 'text', name: 'spam', train, test };
    },
  },
  sotu: {
    kind: 'text',
    description: 'US State of the Union addresses, unlabeled (@pretext/text)',
    load: async (m) => {
      const docs = need(m, 'text').sotu();
      return { kind: 'text', name: 'sotu', train: unlabeled(docs.map((d) => d.text), docs.map((d) => `${d.year} ${d.name}`)) };
    },
  },
  'moby-dick': {
    kind: 'text',
    description: 'Moby Dick, one document per chapter, unlabeled (@pretext/text)',
    load: async (m) => {
      const docs = need(m, 'text').mobyDick();
      return { kind: 'text', name: 'moby-dick', train: unlabeled(docs.map((d) => d.text), docs.map((d) => d.chapter)) };
    },
  },
  'spoken-digits': {
    kind: 'audio',
    description: 'spoken digits 0–9 synthesised with espeak-ng, speaker-held-out split (@pretext/audio; cached in $PRETEXT_CACHE)',
    load: async (m, o) => {
      const audio = need(m, 'audio');
      const dir = join(cacheDir(), 'spoken-digits');
      await audio.spokenDigits({ outDir: dir });
      const data = await audio.loadSpokenDigits(dir, { sampleRate: o.sampleRate });
      const part = (keep: (s: string) => boolean) => {
        const idx = data.splits.flatMap((s, i) => (keep(s) ? [i] : []));
        return {
          clips: idx.map((i) => data.clips[i]!),
          labels: Int32Array.from(idx, (i) => data.digits[i]!),
          classes: audio.DIGIT_WORDS,
          sources: idx.map((i) => data.meta[i]!.file),
        };
      };
      return { kind: 'audio', name: 'spoken-digits', train: part((s) => s === 'train'), test: part((s) => s !== 'train') };
    },
  },
  'mnist-captions': {
    kind: 'pairs',
    description: 'MNIST digits captioned with templates ("a handwritten seven"), for CLIP (@pretext/multimodal)',
    load: async (m) => {
      const { train, test } = await need(m, 'multimodal').mnistCaptions();
      return { kind: 'pairs', name: 'mnist-captions', train, test };
    },
  },
};
