import { mixSeed, tf, tokenCrossEntropyLoss, type Batch, type Objective, type StepContext } from '@pretext/core';
import { z } from 'zod';
import { textTransformer, textTransformerParts, textTransformerSchema, type TextTransformerParts } from '../models/text-transformer.js';
import { dynamicMasking, IGNORE_INDEX } from './dynamic-masking.js';
import { tiedLogits } from './tied-lm-head.js';
import { tokensOf } from './tokens-of.js';

/** Zod schema of the masked-LM objective: the encoder architecture plus `maskProb` (0.15). */
export const maskedLmConfigSchema = textTransformerSchema.extend({
  maskProb: z.number().gt(0).lt(1).default(0.15),
});

/** A masked-LM config, defaults filled. */
export type MaskedLmConfig = z.output<typeof maskedLmConfigSchema>;
/** A masked-LM config as written (only `vocabSize` is required). */
export type MaskedLmConfigInput = z.input<typeof maskedLmConfigSchema>;

/**
 * BERT-style masked language modelling (Devlin, Chang, Lee, Toutanova 2019, arXiv:1810.04805):
 * a pre-LN bidirectional transformer encoder ({@link textTransformer}), dynamic 15 % masking with
 * 80/10/10 replacement ({@link dynamicMasking}), and an output layer TIED to the token embeddings
 * (plus a bias), trained with token cross-entropy on the selected positions. The encoder outputs
 * pooled sentence embeddings `[B, D]` for probes. Batches: `tokens` int32 `[B, T]`, `[PAD]` = 0.
 */
export class MaskedLm implements Objective {
  readonly name = 'masked-lm';
  readonly encoder: tf.LayersModel;
  readonly config: MaskedLmConfig;
  /** Bias of the tied output layer, `[V]`. */
  readonly outputBias: tf.Variable;
  private readonly parts: TextTransformerParts;

  constructor(config: MaskedLmConfigInput) {
    this.config = maskedLmConfigSchema.parse(config);
    const { maskProb: _maskProb, ...arch } = this.config;
    this.encoder = textTransformer(arch, false, 'mlm_encoder');
    this.parts = textTransformerParts(this.encoder);
    this.outputBias = tf.tidy(() => tf.variable(tf.zeros([this.config.vocabSize]), true)); // tidy frees the initial zeros
  }

  trainableVariables(): tf.Variable[] {
    return [...this.encoder.trainableWeights.map((w) => w.read() as tf.Variable), this.outputBias];
  }

  loss(batch: Batch, ctx: StepContext): tf.Scalar {
    const ids = tokensOf(batch, this.config.maxLength, 'masked-lm.loss');
    return tf.tidy(() => {
      const { inputs, labels } = dynamicMasking(ids, this.config.vocabSize, this.config.maskProb, mixSeed(ctx.seed, 7));
      const hidden = this.parts.sequence.apply(inputs, { training: true }) as tf.Tensor3D;
      // Only the selected ~15 % of positions enter the loss: project just those through the tied
      // V-wide output layer (the same loss, about 1/maskProb less work and memory in the head).
      const flatLabels = tf.reshape(labels, [-1]) as tf.Tensor1D;
      const labelValues = flatLabels.dataSync();
      const picked: number[] = [];
      for (let i = 0; i < labelValues.length; i++) if (labelValues[i] !== IGNORE_INDEX) picked.push(i);
      if (picked.length === 0) return tf.mul(tf.sum(hidden), 0) as tf.Scalar; // nothing masked: zero loss, zero gradient
      const at = tf.tensor1d(picked, 'int32');
      const selected = tf.gather(tf.reshape(hidden, [-1, hidden.shape[2]]), at);
      const logits = tiedLogits(selected, this.parts.embedding, this.outputBias);
      return tokenCrossEntropyLoss(logits, tf.gather(flatLabels, at), { ignoreIndex: IGNORE_INDEX });
    });
  }

  /** Pooled sentence embeddings of `batch.tokens`, `[B, D]`. */
  embed(batch: Batch): tf.Tensor2D {
    const ids = tokensOf(batch, this.config.maxLength, 'masked-lm.embed');
    return tf.tidy(() => this.encoder.apply(ids, { training: false }) as tf.Tensor2D);
  }

  getConfig(): MaskedLmConfig {
    return this.config;
  }

  dispose(): void {
    this.encoder.dispose();
    this.outputBias.dispose();
  }
}
