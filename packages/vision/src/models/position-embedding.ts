import { tf } from '@pretext/core';
import type { LayerArgs } from './layer-args.js';

/** Options of {@link PositionEmbedding}. */
export interface PositionEmbeddingArgs extends LayerArgs {
  /** Seed of the truncated-normal (σ = 0.02) initialiser (default 0). */
  readonly seed?: number;
}

/**
 * A LEARNABLE position embedding (ViT, Dosovitskiy et al. 2021): adds a `[N, D]` weight to token
 * sequences `[B, N, D]`. Serializable (registered with `tf.serialization.registerClass`).
 */
export class PositionEmbedding extends tf.layers.Layer {
  static readonly className = 'PretextPositionEmbedding';
  private readonly seed: number;
  private embedding: tf.LayerVariable | undefined;

  constructor(args: PositionEmbeddingArgs = {}) {
    const { seed: _seed, ...layerArgs } = args;
    super(layerArgs);
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [n, d] = [shape[1], shape[2]];
    if (shape.length !== 3 || typeof n !== 'number' || typeof d !== 'number') {
      throw new Error(`PositionEmbedding: needs tokens [B, N, D] with known N and D, got [${shape.join(', ')}]`);
    }
    this.embedding = this.addWeight('embedding', [n, d], 'float32', tf.initializers.truncatedNormal({ stddev: 0.02, seed: this.seed }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      return tf.add(x, this.embedding!.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}

tf.serialization.registerClass(PositionEmbedding);
