import { mixSeed, tf } from '@pretext/core';
import { firstShape, type LayerArgs } from './layer-args.js';
import { tokenMask } from './padding-mask.js';

/** Options of {@link TextSelfAttention}. */
export interface TextSelfAttentionArgs extends LayerArgs {
  /** Attention heads; must divide the width D. */
  readonly heads: number;
  /** Each position attends only to itself and earlier positions (GPT) (default false). */
  readonly causal?: boolean;
  /** Seed of the Glorot initialisers (default 0). */
  readonly seed?: number;
}

const NEG = -1e9;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017) over `[x, ids]`: hidden states
 * `[B, T, D]` and the token ids `[B, T]`, whose `[PAD]` positions are masked out as keys; with
 * `causal`, future positions are masked too. Serializable.
 */
export class TextSelfAttention extends tf.layers.Layer {
  static readonly className = 'PretextTextSelfAttention';
  readonly heads: number;
  readonly causal: boolean;
  private readonly seed: number;
  private qkv: tf.LayerVariable | undefined;
  private qkvBias: tf.LayerVariable | undefined;
  private out: tf.LayerVariable | undefined;
  private outBias: tf.LayerVariable | undefined;

  constructor(args: TextSelfAttentionArgs) {
    const { heads, causal, seed, ...rest } = args;
    super(rest);
    if (!(Number.isInteger(heads) && heads > 0)) throw new Error(`TextSelfAttention: heads must be a positive integer, got ${heads}`);
    this.heads = heads;
    this.causal = causal ?? false;
    this.seed = seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const d = firstShape(inputShape).at(-1);
    if (typeof d !== 'number' || d % this.heads !== 0) {
      throw new Error(`TextSelfAttention: the width ${d} must be known and divisible by ${this.heads} heads`);
    }
    const glorot = (k: number) => tf.initializers.glorotUniform({ seed: mixSeed(this.seed, k) });
    this.qkv = this.addWeight('qkv_kernel', [d, 3 * d], 'float32', glorot(0));
    this.qkvBias = this.addWeight('qkv_bias', [3 * d], 'float32', tf.initializers.zeros());
    this.out = this.addWeight('out_kernel', [d, d], 'float32', glorot(1));
    this.outBias = this.addWeight('out_bias', [d], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('TextSelfAttention: expects [hidden, ids]');
      const x = inputs[0] as tf.Tensor3D;
      const [b, t, d] = x.shape;
      const h = this.heads;
      const dh = d / h;
      const qkv = tf.add(tf.matMul(tf.reshape(x, [b * t, d]), this.qkv!.read() as tf.Tensor2D), this.qkvBias!.read());
      const [q, k, v] = tf.unstack(tf.transpose(tf.reshape(qkv, [b, t, 3, h, dh]), [2, 0, 3, 1, 4]), 0) as tf.Tensor4D[];
      let scores = tf.mul(tf.matMul(q!, k!, false, true), 1 / Math.sqrt(dh)); // [B, h, T, T]
      const keys = tf.reshape(tokenMask(inputs[1]!), [b, 1, 1, t]);
      let allowed: tf.Tensor = keys;
      if (this.causal) allowed = tf.mul(keys, tf.linalg.bandPart(tf.ones([t, t]), -1, 0));
      scores = tf.add(scores, tf.mul(tf.sub(1, allowed), NEG));
      const attended = tf.matMul(tf.softmax(scores, -1), v!);
      const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [b * t, d]);
      return tf.reshape(tf.add(tf.matMul(merged, this.out!.read() as tf.Tensor2D), this.outBias!.read()), [b, t, d]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return firstShape(inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, causal: this.causal, seed: this.seed };
  }
}

tf.serialization.registerClass(TextSelfAttention);
