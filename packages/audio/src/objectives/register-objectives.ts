import { hasObjective, registerObjective } from '@pretext/core';
import { Cpc, cpcConfigSchema } from './cpc.js';
import { Wav2vec, wav2vecConfigSchema } from './wav2vec.js';

/**
 * Registers `cpc` and `wav2vec` with core's objective registry (once per process: a second copy
 * of this package leaves the first registration). Called when `@pretext/audio` is imported.
 */
export function registerAudioObjectives(): void {
  if (!hasObjective('cpc')) {
    registerObjective('cpc', { schema: cpcConfigSchema, create: (c) => new Cpc(c), description: 'CPC (van den Oord et al. 2018): conv encoder, GRU context, k-step InfoNCE' });
  }
  if (!hasObjective('wav2vec')) {
    registerObjective('wav2vec', {
      schema: wav2vecConfigSchema,
      create: (c) => new Wav2vec(c),
      description: 'wav2vec 2.0-style (Baevski et al. 2020): span masking, transformer, Gumbel product quantizer',
    });
  }
}
