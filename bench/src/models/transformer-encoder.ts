import { tf } from '@pretext/core';

/** Shape of the encoder built by {@link buildTransformerEncoder}. */
export interface TransformerEncoderConfig {
  /** Encoder layers. */
  readonly layers: number;
  /** Model width `d`. */
  readonly dModel: number;
  /** Attention heads; must divide `dModel`. */
  readonly heads: number;
  /** Hidden width of the feed-forward block. */
  readonly ffDim: number;
  /** Token vocabulary (embedding rows and output logits). */
  readonly vocabSize: number;
  /** Sequence length (learned position embeddings). */
  readonly seqLength: number;
  /** Standard deviation of the normal initialiser of embeddings and projection weights. */
  readonly initScale: number;
  /** Seed of the initialisers: the same seed gives the same weights. */
  readonly seed: number;
}

/** The benchmark's encoder: 4 layers, d=128, 4 heads, feed-forward 512, vocabulary 1000, sequence 64. */
export const TRANSFORMER_ENCODER_DEFAULTS: TransformerEncoderConfig = {
  layers: 4,
  dModel: 128,
  heads: 4,
  ffDim: 512,
  vocabSize: 1000,
  seqLength: 64,
  initScale: 0.02,
  seed: 1,
};

/** A transformer encoder as plain variables and a forward function. */
export interface TransformerEncoder {
  /** The resolved configuration. */
  readonly config: TransformerEncoderConfig;
  /** Every trainable variable (pass them to `optimizer.minimize`). */
  readonly variables: readonly tf.Variable[];
  /** Number of trainable scalars. */
  readonly paramCount: number;
  /**
   * Forward pass: int32 token ids `[batch, seqLength]` to per-token logits
   * `[batch * seqLength, vocabSize]`.
   */
  apply(ids: tf.Tensor2D): tf.Tensor2D;
  /** Disposes every variable. */
  dispose(): void;
}

/** Distinguishes the variable names of encoders built in one process. */
let uniqueId = 0;

interface LayerParams {
  readonly ln1Gamma: tf.Variable; readonly ln1Beta: tf.Variable;
  readonly wQkv: tf.Variable; readonly bQkv: tf.Variable;
  readonly wOut: tf.Variable; readonly bOut: tf.Variable;
  readonly ln2Gamma: tf.Variable; readonly ln2Beta: tf.Variable;
  readonly wFf1: tf.Variable; readonly bFf1: tf.Variable;
  readonly wFf2: tf.Variable; readonly bFf2: tf.Variable;
}

/**
 * Builds a pre-LN transformer encoder (Vaswani et al., "Attention Is All You Need", 2017, with
 * layer norm before each sub-block as in Xiong et al., "On Layer Normalization in the Transformer
 * Architecture", 2020): token plus learned position embeddings, per layer
 * `x += Wo·MHA(LN(x))` and `x += W2·GELU(W1·LN(x))`, then an untied linear head over the
 * vocabulary. Weights are drawn from seeded normals, gains are ones and biases zeros.
 *
 * @param config - overrides of {@link TRANSFORMER_ENCODER_DEFAULTS}.
 */
export function buildTransformerEncoder(config: Partial<TransformerEncoderConfig> = {}): TransformerEncoder {
  const c: TransformerEncoderConfig = { ...TRANSFORMER_ENCODER_DEFAULTS, ...config };
  validate(c);
  const { dModel: d, heads, ffDim, vocabSize, seqLength: T } = c;
  const dHead = d / heads;
  let nextSeed = c.seed;
  const all: tf.Variable[] = [];
  const normal = (shape: number[], name: string): tf.Variable => keep(tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, c.initScale, 'float32', nextSeed++), true, name)));
  const filled = (shape: number[], value: number, name: string): tf.Variable => keep(tf.tidy(() => tf.variable(tf.fill(shape, value), true, name)));
  const prefix = `transformer_encoder_${uniqueId++}`;
  function keep(v: tf.Variable): tf.Variable {
    all.push(v);
    return v;
  }

  const embedding = normal([vocabSize, d], `${prefix}/token_embedding`);
  const position = normal([T, d], `${prefix}/position_embedding`);
  const layerParams: LayerParams[] = [];
  for (let i = 0; i < c.layers; i++) {
    const n = `${prefix}/layer_${i}`;
    layerParams.push({
      ln1Gamma: filled([d], 1, `${n}/ln1_gamma`), ln1Beta: filled([d], 0, `${n}/ln1_beta`),
      wQkv: normal([d, 3 * d], `${n}/qkv_kernel`), bQkv: filled([3 * d], 0, `${n}/qkv_bias`),
      wOut: normal([d, d], `${n}/out_kernel`), bOut: filled([d], 0, `${n}/out_bias`),
      ln2Gamma: filled([d], 1, `${n}/ln2_gamma`), ln2Beta: filled([d], 0, `${n}/ln2_beta`),
      wFf1: normal([d, ffDim], `${n}/ff1_kernel`), bFf1: filled([ffDim], 0, `${n}/ff1_bias`),
      wFf2: normal([ffDim, d], `${n}/ff2_kernel`), bFf2: filled([d], 0, `${n}/ff2_bias`),
    });
  }
  const head = normal([d, vocabSize], `${prefix}/head_kernel`);

  const layerNorm = (x: tf.Tensor2D, gamma: tf.Variable, beta: tf.Variable): tf.Tensor2D => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
  };
  // Exact GELU (Hendrycks & Gimpel, 2016): x·Φ(x).
  const gelu = (x: tf.Tensor2D): tf.Tensor2D => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
  const dense = (x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D => tf.add(tf.matMul(x, w as tf.Tensor2D), b);

  const apply = (ids: tf.Tensor2D): tf.Tensor2D => {
    if (ids.rank !== 2 || ids.shape[1] !== T) {
      throw new Error(`TransformerEncoder.apply: ids must be [batch, ${T}], got [${ids.shape.join(', ')}]`);
    }
    const B = ids.shape[0];
    const toHeads = (t: tf.Tensor2D): tf.Tensor4D => tf.transpose(tf.reshape(t, [B, T, heads, dHead]), [0, 2, 1, 3]);
    const tokens = tf.reshape(tf.gather(embedding, tf.reshape(ids, [-1])), [B, T, d]);
    let x = tf.reshape(tf.add(tokens, position), [B * T, d]) as tf.Tensor2D;
    for (const p of layerParams) {
      const qkv = dense(layerNorm(x, p.ln1Gamma, p.ln1Beta), p.wQkv, p.bQkv);
      const [q, k, v] = tf.split(qkv, 3, 1).map((t) => toHeads(t as tf.Tensor2D)) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const attention = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dHead)));
      const context = tf.reshape(tf.transpose(tf.matMul(attention, v), [0, 2, 1, 3]), [B * T, d]) as tf.Tensor2D;
      x = tf.add(x, dense(context, p.wOut, p.bOut));
      const hidden = gelu(dense(layerNorm(x, p.ln2Gamma, p.ln2Beta), p.wFf1, p.bFf1));
      x = tf.add(x, dense(hidden, p.wFf2, p.bFf2));
    }
    return tf.matMul(x, head as tf.Tensor2D);
  };

  return {
    config: c,
    variables: all,
    paramCount: all.reduce((s, v) => s + v.size, 0),
    apply,
    dispose: () => all.forEach((v) => v.dispose()),
  };
}

function validate(c: TransformerEncoderConfig): void {
  for (const key of ['layers', 'dModel', 'heads', 'ffDim', 'vocabSize', 'seqLength'] as const) {
    const v = c[key];
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`buildTransformerEncoder: ${key} must be a positive integer, got ${v}`);
  }
  if (c.dModel % c.heads !== 0) {
    throw new Error(`buildTransformerEncoder: dModel (${c.dModel}) must be divisible by heads (${c.heads})`);
  }
  if (!(c.initScale > 0)) throw new Error(`buildTransformerEncoder: initScale must be positive, got ${c.initScale}`);
  if (!Number.isFinite(c.seed)) throw new Error(`buildTransformerEncoder: seed must be a finite number, got ${c.seed}`);
}
