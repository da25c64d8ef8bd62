import { tf, tokenCrossEntropyLoss, type Batch, type Objective } from '@pretext/core';
import type { z } from 'zod';
import { PAD_ID } from '../models/padding-mask.js';
import { textTransformer, textTransformerParts, textTransformerSchema, type TextTransformerParts } from '../models/text-transformer.js';
import { tiedLogits } from './tied-lm-head.js';
import { tokensOf } from './tokens-of.js';

/** Zod schema of the causal-LM objective: the decoder architecture. */
export const causalLmConfigSchema = textTransformerSchema;

/** A causal-LM config, defaults filled. */
export type CausalLmConfig = z.output<typeof causalLmConfigSchema>;
/** A causal-LM config as written (only `vocabSize` is required). */
export type CausalLmConfigInput = z.input<typeof causalLmConfigSchema>;

/**
 * GPT-style autoregressive language modelling (Radford et al. 2018/2019): a pre-LN transformer
 * with CAUSAL self-attention, output layer tied to the token embeddings, trained to predict token
 * t+1 from tokens ≤ t (cross-entropy; `[PAD]` targets ignored). The encoder outputs pooled
 * embeddings `[B, D]` for probes; {@link CausalLm.nextTokenLogits} drives `perplexity` and `generate`.
 */
export class CausalLm implements Objective {
  readonly name = 'causal-lm';
  readonly encoder: tf.LayersModel;
  readonly config: CausalLmConfig;
  /** Bias of the tied output layer, `[V]`. */
  readonly outputBias: tf.Variable;
  private readonly parts: TextTransformerParts;

  constructor(config: CausalLmConfigInput) {
    this.config = causalLmConfigSchema.parse(config);
    this.encoder = textTransformer(this.config, true, 'gpt_decoder');
    this.parts = textTransformerParts(this.encoder);
    this.outputBias = tf.tidy(() => tf.variable(tf.zeros([this.config.vocabSize]), true)); // tidy frees the initial zeros
  }

  trainableVariables(): tf.Variable[] {
    return [...this.encoder.trainableWeights.map((w) => w.read() as tf.Variable), this.outputBias];
  }

  loss(batch: Batch): tf.Scalar {
    const ids = tokensOf(batch, this.config.maxLength, 'causal-lm.loss');
    return tf.tidy(() => {
      const { logits, targets } = this.shifted(ids, true);
      return tokenCrossEntropyLoss(logits, targets);
    });
  }

  /**
   * Logits of every next token, `[B·(T−1), V]`, and their targets `[B·(T−1)]` (−100 where the
   * target is `[PAD]`), from ids `[B, T]`.
   */
  shifted(ids: tf.Tensor2D, training = false): { logits: tf.Tensor2D; targets: tf.Tensor1D } {
    return tf.tidy(() => {
      const [b, t] = ids.shape;
      if (t < 2) throw new Error(`causal-lm: sequences need at least 2 tokens, got ${t}`);
      const inputs = tf.slice(ids, [0, 0], [b, t - 1]);
      const next = tf.reshape(tf.slice(ids, [0, 1], [b, t - 1]), [-1]);
      const targets = tf.where(tf.equal(next, PAD_ID), tf.fill([b * (t - 1)], -100, 'int32'), next) as tf.Tensor1D;
      return { logits: this.logits(inputs, training), targets };
    });
  }

  /** Logits of the token after each position, `[B·T, V]`, for ids `[B, T]`. */
  logits(ids: tf.Tensor2D, training = false): tf.Tensor2D {
    return tf.tidy(() => tiedLogits(this.parts.sequence.apply(ids, { training }) as tf.Tensor3D, this.parts.embedding, this.outputBias));
  }

  /** Pooled embeddings of `batch.tokens`, `[B, D]`. */
  embed(batch: Batch): tf.Tensor2D {
    const ids = tokensOf(batch, this.config.maxLength, 'causal-lm.embed');
    return tf.tidy(() => this.encoder.apply(ids, { training: false }) as tf.Tensor2D);
  }

  getConfig(): CausalLmConfig {
    return this.config;
  }

  dispose(): void {
    this.encoder.dispose();
    this.outputBias.dispose();
  }
}
