import type { tf } from '@pretext/core';

/** The base options of a tfjs-layers `Layer` (name, trainable, …), which tfjs does not export by name. */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** The first shape of a layer's input shape(s). */
export function firstShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
}
