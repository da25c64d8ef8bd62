import { z } from 'zod';

const unit = (name: string) =>
  z
    .number({ error: `${name} must be a finite number` })
    .min(0, { error: `${name} must be in [0, 1)` })
    .lt(1, { error: `${name} must be in [0, 1)` });
const nonNegative = (name: string) =>
  z.number({ error: `${name} must be a finite number` }).min(0, { error: `${name} must be ≥ 0` });
const positive = (name: string) =>
  z.number({ error: `${name} must be a finite number` }).positive({ error: `${name} must be > 0` });

const adamSchema = z.strictObject({
  type: z.literal('adam'),
  beta1: unit('beta1').default(0.9),
  beta2: unit('beta2').default(0.999),
  epsilon: positive('epsilon').default(1e-8),
});

const adamwSchema = z.strictObject({
  type: z.literal('adamw'),
  beta1: unit('beta1').default(0.9),
  beta2: unit('beta2').default(0.999),
  epsilon: positive('epsilon').default(1e-8),
  weightDecay: nonNegative('weightDecay').default(0.01),
});

const sgdSchema = z
  .strictObject({
    type: z.literal('sgd'),
    momentum: unit('momentum').default(0),
    nesterov: z.boolean({ error: 'nesterov must be a boolean' }).default(false),
    weightDecay: nonNegative('weightDecay').default(0),
  })
  .refine((c) => !c.nesterov || c.momentum > 0, {
    error: 'nesterov requires momentum > 0',
    path: ['nesterov'],
  });

const larsSchema = z.strictObject({
  type: z.literal('lars'),
  momentum: unit('momentum').default(0.9),
  weightDecay: nonNegative('weightDecay').default(0),
  trustCoefficient: positive('trustCoefficient').default(0.001),
  epsilon: nonNegative('epsilon').default(1e-8),
});

/**
 * Zod schema of {@link OptimizerConfig}: validates a config (unknown keys are rejected, so a typo
 * such as `weight_decay` is an error rather than silently ignored) and fills the defaults.
 *
 * Defaults: adam/adamw `beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8` (PyTorch), adamw
 * `weightDecay = 0.01` (PyTorch); sgd `momentum = 0, nesterov = false, weightDecay = 0` (PyTorch);
 * lars `momentum = 0.9, weightDecay = 0, trustCoefficient = 0.001, epsilon = 1e-8`
 * (You et al. 2017; lightly's LARS). SimCLR/BYOL recipes set lars `weightDecay` to 1e-6 / 1.5e-6.
 */
export const optimizerConfigSchema = z.discriminatedUnion('type', [adamSchema, adamwSchema, sgdSchema, larsSchema], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const type = JSON.stringify((issue.input as { type?: unknown } | undefined)?.type);
    return `unknown optimizer type ${type}; use one of adam, adamw, sgd, lars`;
  },
});

/** An optimizer configuration as a user writes it (optional fields take the documented defaults). */
export type OptimizerConfig =
  | { type: 'adam'; beta1?: number; beta2?: number; epsilon?: number }
  | { type: 'adamw'; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number }
  | { type: 'sgd'; momentum?: number; nesterov?: boolean; weightDecay?: number }
  | { type: 'lars'; momentum?: number; weightDecay?: number; trustCoefficient?: number; epsilon?: number };

/** An {@link OptimizerConfig} with every default filled in (what {@link optimizerConfigSchema} outputs). */
export type NormalizedOptimizerConfig =
  | { readonly type: 'adam'; readonly beta1: number; readonly beta2: number; readonly epsilon: number }
  | {
      readonly type: 'adamw';
      readonly beta1: number;
      readonly beta2: number;
      readonly epsilon: number;
      readonly weightDecay: number;
    }
  | { readonly type: 'sgd'; readonly momentum: number; readonly nesterov: boolean; readonly weightDecay: number }
  | {
      readonly type: 'lars';
      readonly momentum: number;
      readonly weightDecay: number;
      readonly trustCoefficient: number;
      readonly epsilon: number;
    };

/** The optimizer kinds {@link OptimizerConfig} can name. */
export type OptimizerType = OptimizerConfig['type'];

/**
 * Validates an optimizer config and fills its defaults.
 * @throws Error listing every problem, e.g. `invalid optimizer config: ✖ beta1 must be in [0, 1) → at beta1`.
 */
export function parseOptimizerConfig(config: unknown): NormalizedOptimizerConfig {
  // Typed so that the compiler checks that the schema and the hand-written types agree.
  const schema: z.ZodType<NormalizedOptimizerConfig, OptimizerConfig> = optimizerConfigSchema;
  const r = schema.safeParse(config);
  if (!r.success) throw new Error(`invalid optimizer config:\n${z.prettifyError(r.error)}`);
  return r.data;
}
