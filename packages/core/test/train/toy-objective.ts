import { z } from 'zod';
import * as tf from '@tensorflow/tfjs';
import { hasObjective, registerObjective, type Batch, type Objective, type StepContext } from '../../src/objective/index.js';
import { mixSeed } from '../../src/tensor/rng.js';

/** Config of the toy objective: a denoising auto-encoder on random vectors. */
export const toyConfigSchema = z.strictObject({
  inputDim: z.number().int().positive().default(6),
  hidden: z.number().int().positive().default(12),
  embed: z.number().int().positive().default(4),
  /** Std of the Gaussian noise added to the input (drawn with StepContext.seed); 0 for none. */
  noise: z.number().min(0).default(0.1),
  /** Seed of the glorot initialisers. */
  initSeed: z.number().int().default(1),
  /** Make the loss NaN from this (0-based) step on. */
  nanLossFromStep: z.number().int().min(0).optional(),
  /** Make the state variable NaN (loss stays finite) from this step on. */
  nanStateFromStep: z.number().int().min(0).optional(),
});
export type ToyConfig = z.output<typeof toyConfigSchema>;

let targets = 0;

/**
 * Dense encoder (inputDim → hidden relu → embed) and linear decoder head reconstructing the clean
 * input from a noisy view: a per-sample mean loss, so accumulation must match a large batch. Its
 * state variable is an EMA of the first layer's bias, updated in afterStep.
 */
export class ToyObjective implements Objective {
  readonly name: string = 'toy-ae';
  readonly encoder: tf.LayersModel;
  readonly head: tf.LayersModel;
  readonly target: tf.Variable;

  constructor(readonly config: ToyConfig) {
    const init = (k: number) => tf.initializers.glorotUniform({ seed: config.initSeed * 100 + k });
    this.encoder = tf.sequential({
      layers: [
        tf.layers.dense({ units: config.hidden, activation: 'relu', inputShape: [config.inputDim], kernelInitializer: init(1), biasInitializer: 'zeros', name: 'toy_enc1' }),
        tf.layers.dense({ units: config.embed, kernelInitializer: init(2), name: 'toy_enc2' }),
      ],
    });
    this.head = tf.sequential({
      layers: [tf.layers.dense({ units: config.inputDim, inputShape: [config.embed], kernelInitializer: init(3), name: 'toy_head' })],
    });
    const zeros = tf.zeros([config.hidden]);
    this.target = tf.variable(zeros, false, `toy_target_${targets++}`);
    zeros.dispose(); // the variable holds its own reference to the data
  }

  trainableVariables(): tf.Variable[] {
    return [...this.encoder.trainableWeights, ...this.head.trainableWeights].map((w) => w.read() as tf.Variable);
  }

  stateVariables(): tf.Variable[] {
    return [this.target];
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    return tf.tidy(() => {
      const x = batch.x!;
      const noisy = this.config.noise > 0 ? tf.add(x, tf.randomNormal(x.shape, 0, this.config.noise, 'float32', ctx.seed)) : x;
      const rec = this.head.apply(this.encoder.apply(noisy, { training: true }), { training: true }) as tf.Tensor;
      const l = tf.losses.meanSquaredError(x, rec) as tf.Scalar;
      const nan = this.config.nanLossFromStep;
      return nan !== undefined && ctx.step >= nan ? (tf.mul(l, NaN) as tf.Scalar) : l;
    });
  }

  afterStep(ctx: StepContext): void {
    const bias = this.encoder.trainableWeights[1]!.read();
    const bad = this.config.nanStateFromStep !== undefined && ctx.step >= this.config.nanStateFromStep;
    tf.tidy(() => this.target.assign(bad ? tf.fill(this.target.shape, NaN) : tf.add(tf.mul(this.target, 0.9), tf.mul(bias, 0.1))));
  }

  getConfig(): Record<string, unknown> {
    return { ...this.config };
  }

  dispose(): void {
    this.encoder.dispose();
    this.head.dispose();
    this.target.dispose();
  }
}

/** Registers `toy-ae` once per process. */
export function registerToy(): void {
  if (!hasObjective('toy-ae')) {
    registerObjective('toy-ae', { schema: toyConfigSchema, create: (c) => new ToyObjective(c), description: 'toy auto-encoder' });
  }
}

/** A toy objective with defaults overridden by `over`. */
export function toy(over: Partial<ToyConfig> = {}): ToyObjective {
  return new ToyObjective(toyConfigSchema.parse(over));
}

/** A re-iterable data source: `batches` seeded random batches of `size` per epoch, fresh tensors each time. */
export function toyData(batches: number, size: number, dim = 6, seed = 7): (epoch: number) => Iterable<Batch> {
  return (epoch) =>
    (function* () {
      for (let i = 0; i < batches; i++) yield { x: tf.randomNormal([size, dim], 0, 1, 'float32', mixSeed(seed, epoch, i)) };
    })();
}

/** Copies of every trainable and state variable's values. */
export async function weightsOf(o: Objective): Promise<Float32Array[]> {
  const vars = [...o.trainableVariables(), ...(o.stateVariables?.() ?? [])];
  return Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
}

/** Largest absolute difference between two weight sets of the same structure. */
export function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  expectSameLength(a.length, b.length);
  let m = 0;
  a.forEach((x, i) => x.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
}

function expectSameLength(a: number, b: number): void {
  if (a !== b) throw new Error(`weight sets differ in length: ${a} vs ${b}`);
}

/** A log sink that keeps what is written. */
export function collector(isTTY = false): { write(s: string): boolean; text: string[]; isTTY: boolean; lines(): Record<string, unknown>[] } {
  const text: string[] = [];
  return {
    isTTY,
    text,
    write(s: string) {
      text.push(s);
      return true;
    },
    lines() {
      return text.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}
