import * as tf from '@tensorflow/tfjs';
import type { Batch, Objective, ObjectiveConfig } from '../../src/objective/objective.js';
import { seededTensor } from './io-test-utils.js';

/** Config of {@link ToyObjective}. */
export interface ToyConfig {
  readonly inputDim: number;
  readonly hidden: number;
  readonly proj: number;
  readonly seed: number;
}

/**
 * A minimal objective for the state tests: encoder dense → batch-norm (trainable and moving
 * statistics), a projection head variable, and an EMA target copy of the head as state.
 */
export class ToyObjective implements Objective {
  readonly name: string;
  readonly encoder: tf.LayersModel;
  readonly head: tf.Variable;
  readonly target: tf.Variable;

  constructor(
    private readonly config: ToyConfig,
    name = 'toy',
    private readonly withState = true,
  ) {
    this.name = name;
    const input = tf.input({ shape: [config.inputDim] });
    const h = tf.layers.dense({ units: config.hidden, kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }) }).apply(input);
    const out = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
    this.encoder = tf.model({ inputs: input, outputs: out });
    this.head = tf.variable(seededTensor([config.hidden, config.proj], config.seed + 1));
    this.target = tf.variable(seededTensor([config.hidden, config.proj], config.seed + 2), false);
  }

  trainableVariables(): tf.Variable[] {
    return [...this.encoder.trainableWeights.map((w) => w.read() as tf.Variable), this.head];
  }

  stateVariables(): tf.Variable[] {
    return this.withState ? [this.target] : [];
  }

  loss(batch: Batch): tf.Scalar {
    return tf.tidy(() => (this.encoder.apply(batch.x!, { training: true }) as tf.Tensor).matMul(this.head).square().mean() as tf.Scalar);
  }

  getConfig(): ObjectiveConfig {
    return { ...this.config };
  }

  dispose(): void {
    this.encoder.dispose();
    this.head.dispose();
    this.target.dispose();
  }
}

/** Every variable value of an objective, in a stable order (trainable, state, encoder non-trainable). */
export async function snapshot(o: ToyObjective): Promise<number[][]> {
  const vars = [...o.trainableVariables(), ...o.stateVariables(), ...o.encoder.nonTrainableWeights.map((w) => w.read())];
  return Promise.all(vars.map(async (v) => Array.from(await v.data())));
}
