import { hasObjective, registerObjective } from '@pretext/core';
import { Clip } from './clip.js';
import { clipConfigSchema } from './clip-config.js';

/**
 * Registers `clip` with core's objective registry (once per process: a second copy of this
 * package, e.g. built and source side by side, leaves the first registration). Called when
 * `@pretext/multimodal` is imported.
 */
export function registerMultimodalObjectives(): void {
  if (!hasObjective('clip')) {
    registerObjective('clip', {
      schema: clipConfigSchema,
      create: (c) => new Clip(c),
      description: 'CLIP (Radford et al. 2021): two encoders, projections, learnable logit scale, symmetric contrastive loss',
    });
  }
}
