import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createOptimizer,
  isNoDecayVariable,
  optimizerConfigSchema,
  parseOptimizerConfig,
  scheduleConfigSchema,
  type NormalizedOptimizerConfig,
  type OptimizerConfig,
} from '../../src/index.js';
import { useTestBackend } from '../helpers/backend.js';

beforeAll(async () => {
  await useTestBackend();
});

describe('optimizerConfigSchema', () => {
  it('fills the documented defaults', () => {
    expect(optimizerConfigSchema.parse({ type: 'adamw' })).toEqual({
      type: 'adamw',
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0.01,
    });
    expect(optimizerConfigSchema.parse({ type: 'sgd', momentum: 0.9 })).toEqual({
      type: 'sgd',
      momentum: 0.9,
      nesterov: false,
      weightDecay: 0,
    });
    expect(parseOptimizerConfig({ type: 'lars' })).toEqual({
      type: 'lars',
      momentum: 0.9,
      weightDecay: 0,
      trustCoefficient: 0.001,
      epsilon: 1e-8,
    });
    expectTypeOf(parseOptimizerConfig).returns.toEqualTypeOf<NormalizedOptimizerConfig>();
    expectTypeOf<OptimizerConfig>().toExtend<Parameters<typeof optimizerConfigSchema.parse>[0]>();
  });

  it('rejects bad configs with readable messages', () => {
    const message = (input: unknown) => {
      const r = optimizerConfigSchema.safeParse(input);
      expect(r.success).toBe(false);
      return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(message({ type: 'adamax' })).toBe('type: unknown optimizer type "adamax"; use one of adam, adamw, sgd, lars');
    expect(message({ beta1: 0.9 })).toBe('type: unknown optimizer type undefined; use one of adam, adamw, sgd, lars');
    expect(message({ type: 'adam', beta1: 1 })).toBe('beta1: beta1 must be in [0, 1)');
    expect(message({ type: 'adamw', weightDecay: -0.1 })).toBe('weightDecay: weightDecay must be ≥ 0');
    expect(message({ type: 'adam', epsilon: 0 })).toBe('epsilon: epsilon must be > 0');
    expect(message({ type: 'sgd', momentum: '0.9' })).toBe('momentum: momentum must be a finite number');
    expect(message({ type: 'sgd', nesterov: true })).toBe('nesterov: nesterov requires momentum > 0');
    expect(message({ type: 'adam', weightDecay: 0.1 })).toBe(': Unrecognized key: "weightDecay"');
    expect(message({ type: 'lars', trustCoefficient: Infinity })).toBe('trustCoefficient: trustCoefficient must be a finite number');
  });

  it('createOptimizer and parseOptimizerConfig throw an Error naming every problem', () => {
    expect(() => createOptimizer({ type: 'adam', beta1: -1, beta2: 2 })).toThrow(
      /invalid optimizer config:\n✖ beta1 must be in \[0, 1\)\n {2}→ at beta1\n✖ beta2 must be in \[0, 1\)\n {2}→ at beta2/,
    );
    expect(() => parseOptimizerConfig('adam')).toThrow(/invalid optimizer config/);
  });
});

describe('scheduleConfigSchema', () => {
  it('fills defaults and rejects a negative learning rate or an unknown type', () => {
    expect(scheduleConfigSchema.parse({ type: 'cosine' })).toEqual({ type: 'cosine', warmupSteps: 0, finalLr: 0, warmupStartLr: 0 });
    const neg = scheduleConfigSchema.safeParse({ type: 'constant', warmupStartLr: -1e-3 });
    expect(neg.error?.issues.map((i) => i.message)).toEqual(['warmupStartLr must be ≥ 0 (a learning rate)']);
    const unknown = scheduleConfigSchema.safeParse({ type: 'linear' });
    expect(unknown.error?.issues.map((i) => i.message)).toEqual(['unknown schedule type "linear"; use cosine or constant']);
  });
});

describe('isNoDecayVariable', () => {
  it('excludes rank ≤ 1 variables (biases, norm gains/offsets)', () => {
    const vars = [tf.variable(tf.scalar(1)), tf.variable(tf.zeros([3])), tf.variable(tf.zeros([3, 2])), tf.variable(tf.zeros([1, 1, 3, 2]))];
    expect(vars.map(isNoDecayVariable)).toEqual([true, true, false, false]);
    tf.dispose(vars);
  });
});
