import { initialLogitScale } from '@pretext/core';
import { z } from 'zod';
import { towerSchema } from '../model/tower-config.js';

/**
 * Zod schema of the CLIP objective's config: two towers `a` and `b` (each `image`, `text` or
 * `audio`, see {@link towerSchema}) reading different batch keys, a shared embedding width
 * (default 64), the learnable log logit scale's initial value (default `log(1 / 0.07)`, CLIP's)
 * and its cap (`maxLogitScale`, default 100, on the scale itself), and the seed of every
 * initialiser (default 0).
 */
export const clipConfigSchema = z
  .strictObject({
    a: towerSchema,
    b: towerSchema,
    /** Width of the shared embedding space. */
    embedDim: z.number().int().positive().default(64),
    /** Initial value of the learnable LOG logit scale (CLIP: log(1/0.07) ≈ 2.659). */
    initialLogitScale: z.number().finite().default(initialLogitScale()),
    /** Upper bound on the logit scale `exp(logScale)` (CLIP: 100). */
    maxLogitScale: z.number().positive().default(100),
    seed: z.number().int().min(0).max(0xffffffff).default(0),
  })
  .superRefine((c, ctx) => {
    if (c.a.key === c.b.key) {
      ctx.addIssue({
        code: 'custom',
        path: ['b', 'key'],
        message: `towers a (${c.a.modality}) and b (${c.b.modality}) both read the batch key '${c.a.key}'; give one of them another 'key'`,
      });
    }
  });

/** A CLIP config with defaults filled. */
export type ClipConfig = z.output<typeof clipConfigSchema>;

/** A CLIP config as a user writes it. */
export type ClipConfigInput = z.input<typeof clipConfigSchema>;
