import type { tf } from '@pretext/core';

/** The base options of a tfjs-layers `Layer` (name, trainable, dtype, …), which tfjs does not export by name. */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
