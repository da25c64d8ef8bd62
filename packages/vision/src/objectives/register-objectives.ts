import { hasObjective, registerObjective } from '@pretext/core';
import { Byol, byolConfigSchema } from './byol.js';
import { Mae, maeConfigSchema } from './mae.js';
import { Simclr, simclrConfigSchema } from './simclr.js';

/**
 * Registers `simclr`, `byol` and `mae` with core's objective registry (once per process: a second
 * copy of this package, e.g. built and source side by side, leaves the first registration).
 * Called when `@pretext/vision` is imported.
 */
export function registerVisionObjectives(): void {
  if (!hasObjective('simclr')) {
    registerObjective('simclr', { schema: simclrConfigSchema, create: (c) => new Simclr(c), description: 'SimCLR (Chen et al. 2020): two views, projection MLP, NT-Xent' });
  }
  if (!hasObjective('byol')) {
    registerObjective('byol', { schema: byolConfigSchema, create: (c) => new Byol(c), description: 'BYOL (Grill et al. 2020): online/target networks, predictor, cosine EMA' });
  }
  if (!hasObjective('mae')) {
    registerObjective('mae', { schema: maeConfigSchema, create: (c) => new Mae(c), description: 'MAE (He et al. 2021): 75 % patch masking, ViT on visible patches, light decoder' });
  }
}
