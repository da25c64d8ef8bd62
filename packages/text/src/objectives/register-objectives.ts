import { hasObjective, registerObjective } from '@pretext/core';
import { CausalLm, causalLmConfigSchema } from './causal-lm.js';
import { MaskedLm, maskedLmConfigSchema } from './masked-lm.js';

/**
 * Registers `masked-lm` and `causal-lm` with core's objective registry (once per process).
 * Called when `@pretext/text` is imported. (word2vec trains in its own typed-array loop,
 * `Word2Vec.train`, which is ~100× faster than any tensor objective could be.)
 */
export function registerTextObjectives(): void {
  if (!hasObjective('masked-lm')) {
    registerObjective('masked-lm', { schema: maskedLmConfigSchema, create: (c) => new MaskedLm(c), description: 'BERT-style masked LM (Devlin et al. 2019): 15 % dynamic 80/10/10 masking, tied output embeddings' });
  }
  if (!hasObjective('causal-lm')) {
    registerObjective('causal-lm', { schema: causalLmConfigSchema, create: (c) => new CausalLm(c), description: 'GPT-style causal LM (Radford et al. 2018): next-token prediction, tied output embeddings' });
  }
}
