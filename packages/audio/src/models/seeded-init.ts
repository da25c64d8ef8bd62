import { Rng, tf } from '@pretext/core';

/** A tfjs-layers weight initialiser (tfjs does not export the type by name). */
export type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * Seeded tfjs initialisers from one model seed, a fresh seed per call: the same seed builds the
 * same initial weights on every backend.
 */
export class SeededInit {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /** A fresh uint32 seed (for a custom layer's own initialisers). */
  seed(): number {
    return this.rng.seed();
  }

  /** Glorot-uniform (dense and attention projections). */
  glorot(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.seed() });
  }

  /** He-normal (convolutions followed by GELU/ReLU). */
  he(): Initializer {
    return tf.initializers.heNormal({ seed: this.seed() });
  }
}
