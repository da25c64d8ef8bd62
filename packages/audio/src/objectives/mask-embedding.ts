import { mixSeed, tf } from '@pretext/core';

/** Constructor arguments of {@link MaskEmbedding}. */
export interface MaskEmbeddingArgs {
  /** Seed of the uniform initialisation (default 0). */
  readonly seed?: number;
  readonly name?: string;
}

/**
 * wav2vec 2.0's learned mask vector: `call([z, mask])` replaces the frames of `z` `[B, T, C]` where
 * `mask` `[B, T]` is 1 by one trained embedding `[C]` (shared by every masked frame). Registered for
 * serialization as `PretextAudioMaskEmbedding`.
 */
export class MaskEmbedding extends tf.layers.Layer {
  static readonly className = 'PretextAudioMaskEmbedding';
  private readonly seed: number;
  private embedding: tf.LayerVariable | undefined;

  constructor(args: MaskEmbeddingArgs = {}) {
    super(args.name === undefined ? {} : { name: args.name });
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const c = shape[shape.length - 1];
    if (typeof c !== 'number') throw new Error(`MaskEmbedding: needs frames [B, T, C] with a known C, got [${shape.join(', ')}]`);
    this.embedding = this.addWeight('embedding', [c], 'float32', tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: mixSeed(this.seed, 0) }));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('MaskEmbedding: call it with [frames [B, T, C], mask [B, T]]');
    return tf.tidy(() => {
      const [z, mask] = inputs as [tf.Tensor3D, tf.Tensor2D];
      const m = tf.expandDims(tf.cast(mask, 'bool'), 2);
      return tf.where(tf.broadcastTo(m, z.shape), tf.broadcastTo(this.embedding!.read(), z.shape), z);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}

tf.serialization.registerClass(MaskEmbedding);
