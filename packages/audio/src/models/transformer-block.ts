import { mixSeed, tf } from '@pretext/core';

/** Constructor arguments of {@link AudioTransformerBlock}. */
export interface AudioTransformerBlockArgs {
  /** Attention heads; must divide the width D. */
  readonly heads: number;
  /** Hidden width of the feed-forward MLP (default 4·D). */
  readonly ffDim?: number;
  /** Seed of the Glorot initialisers (default 0). */
  readonly seed?: number;
  /** Layer name. */
  readonly name?: string;
}

const EPS = 1e-5;

/**
 * A pre-norm transformer encoder block (Vaswani et al. 2017; pre-LN as in wav2vec 2.0's large
 * models) over frames `[B, T, D]`: `x + MHSA(LN(x))`, then `x + W₂·GELU(W₁·LN(x))`. Bidirectional
 * (no causal mask), any sequence length. Registered for serialization as
 * `PretextAudioTransformerBlock`, so encoders holding it survive `toJSON` / `loadLayersModel`.
 */
export class AudioTransformerBlock extends tf.layers.Layer {
  static readonly className = 'PretextAudioTransformerBlock';
  readonly heads: number;
  readonly ffDim: number | undefined;
  private readonly seed: number;
  private w: Record<string, tf.LayerVariable> = {};

  constructor(args: AudioTransformerBlockArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    if (!(Number.isInteger(args.heads) && args.heads > 0)) throw new Error(`AudioTransformerBlock: heads must be a positive integer, got ${args.heads}`);
    if (args.ffDim !== undefined && !(Number.isInteger(args.ffDim) && args.ffDim > 0)) {
      throw new Error(`AudioTransformerBlock: ffDim must be a positive integer, got ${args.ffDim}`);
    }
    this.heads = args.heads;
    this.ffDim = args.ffDim;
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const d = shape[shape.length - 1];
    if (shape.length !== 3 || typeof d !== 'number') throw new Error(`AudioTransformerBlock: needs frames [B, T, D] with a known D, got [${shape.join(', ')}]`);
    if (d % this.heads !== 0) throw new Error(`AudioTransformerBlock: ${this.heads} heads do not divide the width ${d}`);
    const ff = this.ffDim ?? 4 * d;
    const glorot = (k: number) => tf.initializers.glorotUniform({ seed: mixSeed(this.seed, k) });
    const ones = tf.initializers.ones();
    const zeros = tf.initializers.zeros();
    const add = (n: string, s: number[], init: ReturnType<typeof tf.initializers.ones>) => (this.w[n] = this.addWeight(n, s, 'float32', init));
    add('ln1_gamma', [d], ones);
    add('ln1_beta', [d], zeros);
    add('qkv_kernel', [d, 3 * d], glorot(0));
    add('qkv_bias', [3 * d], zeros);
    add('out_kernel', [d, d], glorot(1));
    add('out_bias', [d], zeros);
    add('ln2_gamma', [d], ones);
    add('ln2_beta', [d], zeros);
    add('ff1_kernel', [d, ff], glorot(2));
    add('ff1_bias', [ff], zeros);
    add('ff2_kernel', [ff, d], glorot(3));
    add('ff2_bias', [d], zeros);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
      const [b, t, d] = x.shape;
      const v = (n: string) => this.w[n]!.read();
      const dense = (y: tf.Tensor2D, k: string, bias: string) => tf.add(tf.matMul(y, v(k) as tf.Tensor2D), v(bias)) as tf.Tensor2D;
      const flat = tf.reshape(x, [b * t, d]) as tf.Tensor2D;
      const h = this.heads;
      const dh = d / h;
      const qkv = dense(layerNorm(flat, v('ln1_gamma'), v('ln1_beta')), 'qkv_kernel', 'qkv_bias');
      const split = tf.transpose(tf.reshape(qkv, [b, t, 3, h, dh]), [2, 0, 3, 1, 4]);
      const [q, k, val] = tf.unstack(split, 0) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const attn = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), -1);
      const merged = tf.reshape(tf.transpose(tf.matMul(attn, val), [0, 2, 1, 3]), [b * t, d]) as tf.Tensor2D;
      const x1 = tf.add(flat, dense(merged, 'out_kernel', 'out_bias')) as tf.Tensor2D;
      const hidden = gelu(dense(layerNorm(x1, v('ln2_gamma'), v('ln2_beta')), 'ff1_kernel', 'ff1_bias'));
      return tf.reshape(tf.add(x1, dense(hidden, 'ff2_kernel', 'ff2_bias')), [b, t, d]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig(), heads: this.heads, seed: this.seed };
    if (this.ffDim !== undefined) config.ffDim = this.ffDim;
    return config;
  }
}

/** GELU, `x · Φ(x)` with the exact normal CDF (Hendrycks and Gimpel 2016). */
function gelu(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.mul(0.5, tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))) as tf.Tensor2D;
}

/** Layer normalisation over the last axis of `[N, D]`. */
function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPS))), gamma), beta) as tf.Tensor2D;
}

tf.serialization.registerClass(AudioTransformerBlock);
