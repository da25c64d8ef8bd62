import * as tf from '@tensorflow/tfjs';
import type { Batch, Objective } from '../../src/objective/objective.js';
import { Rng } from '../../src/tensor/rng.js';
import type { CallbackContext, TrainState } from '../../src/train/index.js';

/** Gaussian clusters: class c is centred at `separation · e_c` (first `classes` axes) plus N(0, spread²). */
export function gaussianClusters(
  seed: number,
  o: { classes: number; perClass: number; dim: number; spread: number; separation: number },
): { x: Float32Array; y: Int32Array; n: number } {
  const rng = new Rng(seed);
  const n = o.classes * o.perClass;
  const x = new Float32Array(n * o.dim);
  const y = new Int32Array(n);
  const order = rng.permutation(n);
  order.forEach((row, i) => {
    const c = i % o.classes;
    y[row] = c;
    for (let j = 0; j < o.dim; j++) x[row * o.dim + j] = o.spread * rng.normal() + (j === c ? o.separation : 0);
  });
  return { x, y, n };
}

/** A minimal objective around an encoder (loss unused by the evaluation code). */
export function fakeObjective(encoder: tf.LayersModel, embed?: (batch: Batch) => tf.Tensor2D): Objective {
  return {
    name: 'fake',
    encoder,
    trainableVariables: () => [],
    loss: () => tf.scalar(0),
    ...(embed ? { embed } : {}),
    getConfig: () => ({}),
    dispose: () => encoder.dispose(),
  };
}

/** A CallbackContext that records what callbacks log. */
export function recordingContext(objective: Objective): CallbackContext & {
  events: { event: string; fields: Record<string, unknown> }[];
  stopReason: string | undefined;
} {
  const ctx = {
    objective,
    events: [] as { event: string; fields: Record<string, unknown> }[],
    stopReason: undefined as string | undefined,
    log(event: string, fields: Record<string, unknown>) {
      ctx.events.push({ event, fields });
    },
    stop(reason: string) {
      ctx.stopReason = reason;
    },
  };
  return ctx;
}

/** A TrainState at `step`. */
export function trainState(step: number, totalSteps = 100): TrainState {
  return { step, epoch: 0, totalSteps, loss: 0, lr: 0.1, samplesPerSec: 0 };
}

/** A small seeded MLP encoder `dim → hidden → out`. */
export function mlpEncoder(seed: number, dim: number, hidden: number, out: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [dim], units: hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: out, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
}

/** All weight values of a model, copied. */
export async function weightValues(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => Float32Array.from(await w.data())));
}
