import type { tf } from '@pretext/core';
import type { AudioClip } from '../wav/read-wav.js';
import { logMelSpectrogram } from './log-mel.js';
import { mfcc, type MfccOptions } from './mfcc.js';
import { poolFeatures } from './pooled-features.js';

/**
 * The classic baseline features of a set of clips: MFCCs (`kind: 'mfcc'`, default) or log-mel
 * bands (`'log-mel'`) per frame, pooled to their mean and standard deviation over time, one row
 * per clip. Each clip's own rate is used. The caller owns the `[N, 2·d]` tensor.
 *
 * @example
 * ```ts
 * const x = clipFeatures(train.clips);                 // [N, 26] MFCC mean + std
 * const probe = await linearProbe({ features: x, labels: train.labels });
 * ```
 */
export function clipFeatures(clips: readonly AudioClip[], options: MfccOptions & { readonly kind?: 'mfcc' | 'log-mel' } = {}): tf.Tensor2D {
  const { kind = 'mfcc', ...rest } = options;
  return poolFeatures(
    clips.map((c) => {
      const o = { ...rest, sampleRate: c.sampleRate };
      return kind === 'mfcc' ? mfcc(c.samples, o) : logMelSpectrogram(c.samples, o);
    }),
  );
}
