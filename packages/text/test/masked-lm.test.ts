import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObjective, fineTune, initBackend, linearProbe, extractEmbeddings, mixSeed, tf, tokenCrossEntropyLoss, Trainer } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CausalLm, dynamicMasking, loadTextEncoder, MaskedLm, saveTextEncoder, SPECIAL_IDS, textTransformerParts, tiedLogits, tokenBatches, WordTokenizer } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm', env: {} });
});

/** Two "languages": rows over words a* or b*, each row a fixed cycle so that tokens are predictable from context. */
function rows(n: number, t: number, vocab: number): { ids: Int32Array; labels: Int32Array } {
  const ids = new Int32Array(n * t);
  const labels = new Int32Array(n);
  const half = (vocab - 7) / 2;
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    labels[i] = cls;
    const len = t - (i % 3);
    for (let j = 0; j < len; j++) ids[i * t + j] = 7 + cls * half + ((i + j) % half);
  }
  return { ids, labels };
}

describe('masked LM', () => {
  it('dynamic masking: 15 % of ordinary tokens, 80/10/10, specials and [PAD] untouched', async () => {
    const ids = tf.tensor2d(Int32Array.from({ length: 200 * 50 }, (_, i) => (i % 50 < 2 ? i % 2 : 7 + (i % 90))), [200, 50], 'int32');
    const { inputs, labels } = dynamicMasking(ids, 100, 0.15, 1);
    const [x, y, l] = [await ids.data(), await inputs.data(), await labels.data()];
    let selected = 0;
    let masked = 0;
    let kept = 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i]! < 7) {
        expect(l[i]).toBe(-100);
        expect(y[i]).toBe(x[i]);
        continue;
      }
      if (l[i] === -100) {
        expect(y[i]).toBe(x[i]);
        continue;
      }
      selected++;
      expect(l[i]).toBe(x[i]);
      if (y[i] === SPECIAL_IDS.mask) masked++;
      else if (y[i] === x[i]) kept++;
    }
    const ordinary = 200 * 48;
    expect(selected / ordinary).toBeCloseTo(0.15, 1);
    expect(masked / selected).toBeGreaterThan(0.75);
    expect(masked / selected).toBeLessThan(0.85);
    expect(kept / selected).toBeGreaterThan(0.06);
    expect(kept / selected).toBeLessThan(0.16);
    tf.dispose([ids, inputs, labels]);
  });

  it('construction and dispose leave no tensor behind (masked and causal LM)', () => {
    const before = tf.memory().numTensors;
    new MaskedLm({ vocabSize: 20, maxLength: 8, dim: 8, depth: 1, heads: 2 }).dispose();
    new CausalLm({ vocabSize: 20, maxLength: 8, dim: 8, depth: 1, heads: 2 }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('projects only the masked positions, with the same loss as the full tied head', () => {
    const vocab = 27;
    const t = 12;
    const ids = tf.tensor2d(rows(8, t, vocab).ids, [8, t], 'int32');
    const objective = new MaskedLm({ vocabSize: vocab, maxLength: t, dim: 16, depth: 1, heads: 2, mlpRatio: 2, seed: 3 });
    const ctx = { step: 0, totalSteps: 1, seed: 11 };
    const fast = objective.loss({ tokens: ids }, ctx);
    const full = tf.tidy(() => {
      const { inputs, labels } = dynamicMasking(ids, vocab, 0.15, mixSeed(ctx.seed, 7));
      const parts = textTransformerParts(objective.encoder);
      const logits = tiedLogits(parts.sequence.apply(inputs, { training: true }) as tf.Tensor, parts.embedding, objective.outputBias);
      return tokenCrossEntropyLoss(logits, tf.reshape(labels, [-1]));
    });
    expect(fast.dataSync()[0]).toBeCloseTo(full.dataSync()[0]!, 5);
    expect(fast.dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([fast, full, ids]);
    objective.dispose();
  });

  it('trains (loss falls), saves/loads with its tokenizer, and feeds probes and fine-tuning', async () => {
    const vocab = 27;
    const t = 12;
    const { ids, labels } = rows(64, t, vocab);
    const objective = createObjective('masked-lm', { vocabSize: vocab, maxLength: t, dim: 16, depth: 1, heads: 2, mlpRatio: 2, maskProb: 0.3, seed: 1 }) as MaskedLm;
    const trainer = new Trainer(objective, { lr: 1e-2, seed: 2, logEvery: 5, progress: 'none', logTo: { write: () => true } });
    const first = await trainer.fit(tokenBatches(ids, t, 16, 0), { steps: 30 });
    const before = tf.memory().numTensors; // after the optimizer's slots exist
    const fit = await trainer.fit(tokenBatches(ids, t, 16, 0), { steps: 100 });
    expect(tf.memory().numTensors).toBe(before);
    const losses = [...first.history.losses, ...fit.history.losses];
    const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(0, 8)) * 0.6);

    const x = tf.tensor2d(ids, [64, t], 'int32');
    const emb = await extractEmbeddings(objective.encoder, x);
    expect(emb.shape).toEqual([64, 16]);
    const probe = await linearProbe({ features: emb, labels }, { seed: 0, maxEpochs: 30 });
    expect(probe.valAccuracy).toBeGreaterThanOrEqual(0.9);
    probe.head.dispose();

    const tok = WordTokenizer.train(['a b c']);
    const dir = await mkdtemp(join(tmpdir(), 'mlm-'));
    await saveTextEncoder(objective.encoder, tok, dir, 'masked-lm');
    const loaded = await loadTextEncoder(dir);
    const emb2 = await extractEmbeddings(loaded.encoder, x);
    expect(Array.from(await emb2.data())).toEqual(Array.from(await emb.data()));
    expect(loaded.tokenizer.toJSON()).toEqual(tok.toJSON());

    // The pre-trained classes are tight clusters, so the random head starts near 0 or 1 accuracy
    // depending on its seed; give it enough steps (lr 1e-2, 5 epochs) to learn either way.
    const ft = await fineTune(objective.encoder, { inputs: x, labels }, { seed: 0, maxEpochs: 5, batchSize: 16, learningRate: 1e-2 });
    expect(Number.isFinite(ft.initialValAccuracy)).toBe(true);
    expect(ft.valAccuracy).toBeGreaterThanOrEqual(0.9);
    ft.encoder.dispose();
    ft.head.dispose();
    tf.dispose([x, emb, emb2]);
    loaded.encoder.dispose();
    trainer.dispose();
    objective.dispose();
  });
});
