import { Rng, tf } from '@pretext/core';

/** A tfjs-layers weight initialiser (tfjs does not export the type by name). */
export type Initializer = ReturnType<typeof tf.initializers.heNormal>;

/**
 * Hands out seeded tfjs initialisers, one fresh seed per call, from one model seed: the same seed
 * builds a model with the same initial weights on every backend and platform.
 */
export class SeededInitializers {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /** A fresh uint32 seed. */
  next(): number {
    return this.rng.seed();
  }

  /** He-normal (ReLU convolutions, He et al. 2015). */
  heNormal(): Initializer {
    return tf.initializers.heNormal({ seed: this.next() });
  }

  /** Glorot-uniform (linear layers, transformer projections). */
  glorotUniform(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.next() });
  }

  /** Truncated normal with standard deviation `stddev` (ViT position embeddings: 0.02). */
  truncatedNormal(stddev: number): Initializer {
    return tf.initializers.truncatedNormal({ stddev, seed: this.next() });
  }
}
