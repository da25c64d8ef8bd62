import type * as tf from '@tensorflow/tfjs';
import type { Objective } from '../objective/objective.js';

/** The groups of an objective's saved state, in the order they are stored. */
export const STATE_GROUPS = ['trainable', 'state', 'encoderState'] as const;

/** One group name of {@link STATE_GROUPS}. */
export type StateGroup = (typeof STATE_GROUPS)[number];

/** A variable of an objective: its value for saving and a way to overwrite it when loading. */
export interface StateVariable {
  readonly name: string;
  readonly value: tf.Tensor;
  assign(t: tf.Tensor): void;
}

/**
 * Every variable that makes up an objective's state, grouped: `trainable` (what the optimizer
 * updates), `state` (the objective's `stateVariables()`, e.g. BYOL's target network) and
 * `encoderState` (the encoder's non-trainable weights, e.g. batch-norm moving statistics, unless
 * already listed). A variable listed twice is kept once, in its first group.
 */
export function objectiveVariables(objective: Objective): Record<StateGroup, StateVariable[]> {
  const seen = new Set<string>();
  const keep = (list: StateVariable[]): StateVariable[] =>
    list.filter((v) => {
      if (seen.has(v.name)) return false;
      seen.add(v.name);
      return true;
    });
  const fromVariable = (v: tf.Variable): StateVariable => ({ name: v.name, value: v, assign: (t) => v.assign(t) });
  const trainable = keep(objective.trainableVariables().map(fromVariable));
  const state = keep((objective.stateVariables?.() ?? []).map(fromVariable));
  const encoderState = keep(
    objective.encoder.nonTrainableWeights.map((w) => ({
      name: w.name,
      value: w.read(),
      assign: (t: tf.Tensor) => {
        w.write(t);
      },
    })),
  );
  return { trainable, state, encoderState };
}
