import { mixSeed, tf } from '@pretext/core';
import { firstShape, type LayerArgs } from './layer-args.js';

/** Options of {@link TokenPositionEmbedding}. */
export interface TokenPositionEmbeddingArgs extends LayerArgs {
  readonly vocabSize: number;
  readonly dim: number;
  /** Longest sequence (rows of the position table). */
  readonly maxLength: number;
  /** Seed of the N(0, 0.02²) initialisers (default 0). */
  readonly seed?: number;
}

/**
 * Token embedding plus learned absolute position embedding (BERT, GPT): int32 ids `[B, T]`
 * (T ≤ maxLength) → `[B, T, D]`. The token table is exposed as {@link TokenPositionEmbedding.tokenTable}
 * so that language-model heads can TIE their output projection to it. Serializable.
 */
export class TokenPositionEmbedding extends tf.layers.Layer {
  static readonly className = 'PretextTokenPositionEmbedding';
  readonly vocabSize: number;
  readonly dim: number;
  readonly maxLength: number;
  private readonly seed: number;
  private tokens: tf.LayerVariable | undefined;
  private positions: tf.LayerVariable | undefined;

  constructor(args: TokenPositionEmbeddingArgs) {
    const { vocabSize, dim, maxLength, seed, ...rest } = args;
    super(rest);
    for (const [k, v] of Object.entries({ vocabSize, dim, maxLength })) {
      if (!(Number.isInteger(v) && v > 0)) throw new Error(`TokenPositionEmbedding: ${k} must be a positive integer, got ${v}`);
    }
    this.vocabSize = vocabSize;
    this.dim = dim;
    this.maxLength = maxLength;
    this.seed = seed ?? 0;
  }

  override build(): void {
    const init = (k: number) => tf.initializers.truncatedNormal({ stddev: 0.02, seed: mixSeed(this.seed, k) });
    this.tokens = this.addWeight('token_embeddings', [this.vocabSize, this.dim], 'float32', init(0));
    this.positions = this.addWeight('position_embeddings', [this.maxLength, this.dim], 'float32', init(1));
    this.built = true;
  }

  /** The `[V, D]` token table (for tied output embeddings). */
  tokenTable(): tf.Variable {
    if (!this.tokens) throw new Error('TokenPositionEmbedding.tokenTable: the layer is not built');
    return this.tokens.read() as tf.Variable;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = tf.cast(Array.isArray(inputs) ? inputs[0]! : inputs, 'int32') as tf.Tensor2D;
      const t = ids.shape[1];
      if (t > this.maxLength) throw new Error(`TokenPositionEmbedding: sequence length ${t} exceeds maxLength ${this.maxLength}`);
      const tok = tf.gather(this.tokens!.read(), ids);
      return tf.add(tok, tf.slice(this.positions!.read(), [0, 0], [t, this.dim]));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = firstShape(inputShape);
    return [s[0]!, s[1]!, this.dim];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), vocabSize: this.vocabSize, dim: this.dim, maxLength: this.maxLength, seed: this.seed };
  }
}

tf.serialization.registerClass(TokenPositionEmbedding);
