import { tf } from '@pretext/core';

/** A weight of an online network and the same weight of its target copy. */
export interface WeightPair {
  readonly online: tf.LayerVariable;
  readonly target: tf.LayerVariable;
  /** Whether the online weight is trained by gradient (else: batch-norm statistics). */
  readonly trainable: boolean;
}

/**
 * Pairs the weights of two models of the SAME architecture, layer by layer (recursing into nested
 * models), independently of their names and of either model's `trainable` flag.
 * @throws Error naming the models when their structure or weight shapes differ.
 */
export function mirroredWeights(online: tf.LayersModel, target: tf.LayersModel): WeightPair[] {
  const pairs: WeightPair[] = [];
  const walk = (a: tf.layers.Layer, b: tf.layers.Layer): void => {
    const mismatch = (what: string): Error =>
      new Error(`mirroredWeights: '${target.name}' does not mirror '${online.name}' (${what} at layer '${a.name}')`);
    if (a instanceof tf.LayersModel || b instanceof tf.LayersModel) {
      if (!(a instanceof tf.LayersModel && b instanceof tf.LayersModel) || a.layers.length !== b.layers.length) throw mismatch('nested model');
      a.layers.forEach((la, i) => walk(la, b.layers[i]!));
      return;
    }
    const wa = a.weights;
    const wb = b.weights;
    if (wa.length !== wb.length) throw mismatch('weight count');
    wa.forEach((w, i) => {
      const t = wb[i]!;
      if (w.shape.join() !== t.shape.join()) throw mismatch(`shape [${w.shape}] vs [${t.shape}]`);
      pairs.push({ online: w, target: t, trainable: a.trainable && w.trainable });
    });
  };
  if (online.layers.length !== target.layers.length) {
    throw new Error(`mirroredWeights: '${target.name}' has ${target.layers.length} layers, '${online.name}' ${online.layers.length}`);
  }
  online.layers.forEach((l, i) => walk(l, target.layers[i]!));
  return pairs;
}

/** Copies every weight of `online` into its mirror in `target`. */
export function copyWeights(pairs: readonly WeightPair[]): void {
  for (const p of pairs) p.target.write(p.online.read());
}

/**
 * Exponential moving average of the TRAINABLE weights into the target:
 * `ξ ← τ ξ + (1 − τ) θ` (batch-norm statistics of the target are left to the target).
 */
export function emaUpdate(pairs: readonly WeightPair[], tau: number): void {
  tf.tidy(() => {
    for (const p of pairs) {
      if (!p.trainable) continue;
      p.target.write(tf.add(tf.mul(p.target.read(), tau), tf.mul(p.online.read(), 1 - tau)));
    }
  });
}
