import { mixSeed, stopGradient, tf } from '@pretext/core';

/** Constructor arguments of {@link GumbelQuantizer}. */
export interface GumbelQuantizerArgs {
  /** Codebooks G (wav2vec 2.0: 2). */
  readonly groups: number;
  /** Entries per codebook V (wav2vec 2.0: 320). */
  readonly entries: number;
  /** Width of the concatenated code vector, divisible by G (wav2vec 2.0: 256). */
  readonly codeDim: number;
  readonly seed?: number;
  readonly name?: string;
}

/** What {@link GumbelQuantizer.quantize} returns (tensors owned by the caller's tidy). */
export interface Quantized {
  /** Quantized vectors `[N, codeDim]`: one entry of each codebook, concatenated. */
  readonly vectors: tf.Tensor2D;
  /** wav2vec 2.0's diversity loss `(GV − Σ_g exp H(p̄_g)) / GV` over the batch's mean softmax p̄. */
  readonly diversityLoss: tf.Scalar;
  /** `Σ_g exp H(p̄_g)`, the codebook perplexity (how many entries are in use; at most G·V). */
  readonly perplexity: tf.Scalar;
  /** The entry chosen in each codebook `[N, G]` (int32): equal rows are equal vectors. */
  readonly codes: tf.Tensor2D;
}

/**
 * The product quantizer of wav2vec 2.0 (Baevski et al. 2020, §2, after Jang et al. 2017's
 * Gumbel-softmax): frames `[N, C]` → logits over V entries in each of G codebooks; in training
 * the straight-through Gumbel-softmax picks one entry per codebook (hard one-hot forward, the
 * soft distribution's gradient backward), and the chosen entries `e_g ∈ ℝ^{codeDim/G}` are
 * concatenated. `call` (inference) picks the arg-max entries. Registered for serialization as
 * `PretextAudioGumbelQuantizer`.
 */
export class GumbelQuantizer extends tf.layers.Layer {
  static readonly className = 'PretextAudioGumbelQuantizer';
  readonly groups: number;
  readonly entries: number;
  readonly codeDim: number;
  private readonly seed: number;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;
  private codebooks: tf.LayerVariable | undefined;

  constructor(args: GumbelQuantizerArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    for (const k of ['groups', 'entries', 'codeDim'] as const) {
      if (!(Number.isInteger(args[k]) && args[k] > 0)) throw new Error(`GumbelQuantizer: ${k} must be a positive integer, got ${args[k]}`);
    }
    if (args.codeDim % args.groups !== 0) throw new Error(`GumbelQuantizer: codeDim ${args.codeDim} is not divisible by groups ${args.groups}`);
    this.groups = args.groups;
    this.entries = args.entries;
    this.codeDim = args.codeDim;
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const c = shape[shape.length - 1];
    if (typeof c !== 'number') throw new Error(`GumbelQuantizer: needs frames [N, C] with a known C, got [${shape.join(', ')}]`);
    const gv = this.groups * this.entries;
    this.kernel = this.addWeight('logits_kernel', [c, gv], 'float32', tf.initializers.glorotUniform({ seed: mixSeed(this.seed, 0) }));
    this.bias = this.addWeight('logits_bias', [gv], 'float32', tf.initializers.zeros());
    this.codebooks = this.addWeight('codebooks', [this.groups, this.entries, this.codeDim / this.groups], 'float32', tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: mixSeed(this.seed, 1) }));
    this.built = true;
  }

  /** Training-time quantization with Gumbel noise seeded by `seed` at temperature `temperature`. */
  quantize(frames: tf.Tensor2D, temperature: number, seed: number): Quantized {
    if (!this.built) this.build(frames.shape);
    if (!(temperature > 0)) throw new Error(`GumbelQuantizer.quantize: temperature must be > 0, got ${temperature}`);
    return tf.tidy(() => {
      const logits = this.logits(frames); // [N, G, V]
      const u = tf.randomUniform(logits.shape, 1e-6, 1 - 1e-6, 'float32', seed);
      const gumbel = tf.neg(tf.log(tf.neg(tf.log(u))));
      const soft = tf.softmax(tf.div(tf.add(logits, gumbel), temperature), -1);
      const codes = tf.argMax(soft, -1) as tf.Tensor2D;
      const hard = tf.oneHot(codes, this.entries).toFloat();
      const onehot = tf.add(hard, tf.sub(soft, stopGradient(soft))) as tf.Tensor3D; // straight-through
      const meanProbs = tf.mean(tf.softmax(logits, -1), 0); // [G, V]
      const entropy = tf.neg(tf.sum(tf.mul(meanProbs, tf.log(tf.add(meanProbs, 1e-7))), -1));
      const perplexity = tf.sum(tf.exp(entropy)) as tf.Scalar;
      const gv = this.groups * this.entries;
      return { vectors: this.lookup(onehot), diversityLoss: tf.div(tf.sub(gv, perplexity), gv) as tf.Scalar, perplexity, codes };
    });
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      return this.lookup(tf.oneHot(tf.argMax(this.logits(x), -1), this.entries).toFloat() as tf.Tensor3D);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.codeDim];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groups: this.groups, entries: this.entries, codeDim: this.codeDim, seed: this.seed };
  }

  private logits(x: tf.Tensor2D): tf.Tensor3D {
    const n = x.shape[0];
    return tf.reshape(tf.add(tf.matMul(x, this.kernel!.read() as tf.Tensor2D), this.bias!.read()), [n, this.groups, this.entries]);
  }

  /** One-hot (or straight-through) selections `[N, G, V]` → concatenated entries `[N, codeDim]`. */
  private lookup(select: tf.Tensor3D): tf.Tensor2D {
    const n = select.shape[0];
    const perGroup = tf.matMul(tf.transpose(select, [1, 0, 2]), this.codebooks!.read() as tf.Tensor3D); // [G, N, d]
    return tf.reshape(tf.transpose(perGroup, [1, 0, 2]), [n, this.codeDim]);
  }
}

tf.serialization.registerClass(GumbelQuantizer);
