import { mixSeed, tf } from '@pretext/core';
import type { LayerArgs } from './layer-args.js';

/** Options of {@link MultiHeadSelfAttention}. */
export interface MultiHeadSelfAttentionArgs extends LayerArgs {
  /** Attention heads; must divide the model width D. */
  readonly heads: number;
  /** Seed of the Glorot-uniform initialisers (default 0). */
  readonly seed?: number;
}

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017) over tokens `[B, N, D]`:
 * one fused QKV projection, `softmax(Q Kᵀ / √(D/h)) V` per head, an output projection. Works for
 * any sequence length N (MAE runs it on the visible tokens only). Serializable (registered with
 * `tf.serialization.registerClass`).
 */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static readonly className = 'PretextMultiHeadSelfAttention';
  readonly heads: number;
  private readonly seed: number;
  private qkvKernel: tf.LayerVariable | undefined;
  private qkvBias: tf.LayerVariable | undefined;
  private outKernel: tf.LayerVariable | undefined;
  private outBias: tf.LayerVariable | undefined;

  constructor(args: MultiHeadSelfAttentionArgs) {
    const { heads: _heads, seed: _seed, ...layerArgs } = args;
    super(layerArgs);
    if (!(Number.isInteger(args.heads) && args.heads > 0)) {
      throw new Error(`MultiHeadSelfAttention: heads must be a positive integer, got ${args.heads}`);
    }
    this.heads = args.heads;
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const d = shape[shape.length - 1];
    if (shape.length !== 3 || typeof d !== 'number') {
      throw new Error(`MultiHeadSelfAttention: needs tokens [B, N, D] with a known D, got [${shape.join(', ')}]`);
    }
    if (d % this.heads !== 0) throw new Error(`MultiHeadSelfAttention: ${this.heads} heads do not divide the width ${d}`);
    const glorot = (k: number) => tf.initializers.glorotUniform({ seed: mixSeed(this.seed, k) });
    this.qkvKernel = this.addWeight('qkv_kernel', [d, 3 * d], 'float32', glorot(0));
    this.qkvBias = this.addWeight('qkv_bias', [3 * d], 'float32', tf.initializers.zeros());
    this.outKernel = this.addWeight('out_kernel', [d, d], 'float32', glorot(1));
    this.outBias = this.addWeight('out_bias', [d], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
      const [b, n, d] = x.shape;
      const h = this.heads;
      const dh = d / h;
      const flat = tf.reshape(x, [b * n, d]);
      const qkv = tf.add(tf.matMul(flat, this.qkvKernel!.read() as tf.Tensor2D), this.qkvBias!.read());
      // [B·N, 3D] → [3, B, h, N, dh]
      const split = tf.transpose(tf.reshape(qkv, [b, n, 3, h, dh]), [2, 0, 3, 1, 4]);
      const [q, k, v] = tf.unstack(split, 0) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh));
      const attended = tf.matMul(tf.softmax(scores, -1), v); // [B, h, N, dh]
      const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [b * n, d]);
      const out = tf.add(tf.matMul(merged, this.outKernel!.read() as tf.Tensor2D), this.outBias!.read());
      return tf.reshape(out, [b, n, d]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, seed: this.seed };
  }
}

tf.serialization.registerClass(MultiHeadSelfAttention);
