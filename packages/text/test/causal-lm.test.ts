import { initBackend, Rng, tf, Trainer } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CausalLm, generate, perplexity, sampleToken, tokenBatches } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm', env: {} });
});

describe('sampling', () => {
  it('greedy at temperature 0, top-k and top-p restrict the support, seeded', () => {
    const logits = [0, 0, 0, 0, 0, 0, 0, 3, 2, 1, 0.5];
    expect(sampleToken(logits, new Rng(1), { temperature: 0 })).toBe(7);
    const draws = (o: object) => new Set(Array.from({ length: 300 }, (_, i) => sampleToken(logits, new Rng(i), o)));
    expect([...draws({ topK: 2 })].sort()).toEqual([7, 8]);
    expect([...draws({ topP: 0.5 })]).toEqual([7]);
    expect(draws({}).size).toBeGreaterThan(4);
    const a = Array.from({ length: 20 }, (_, i) => sampleToken(logits, new Rng(9 + i), { temperature: 1.5 }));
    const b = Array.from({ length: 20 }, (_, i) => sampleToken(logits, new Rng(9 + i), { temperature: 1.5 }));
    expect(a).toEqual(b);
  });
});

describe('causal LM', () => {
  it('learns a cyclic language: perplexity falls, generation continues the cycle, deterministic under a seed', async () => {
    const vocab = 15;
    const t = 10;
    const n = 48;
    const ids = new Int32Array(n * t);
    for (let i = 0; i < n; i++) for (let j = 0; j < t; j++) ids[i * t + j] = 7 + ((i + j) % 8);
    const lm = new CausalLm({ vocabSize: vocab, maxLength: t, dim: 16, depth: 1, heads: 2, mlpRatio: 2, seed: 3 });
    const x = tf.tensor2d(ids, [n, t], 'int32');
    const ppl0 = await perplexity(lm, x, 16);
    expect(ppl0).toBeGreaterThan(5);
    const trainer = new Trainer(lm, { lr: 1e-2, seed: 0, progress: 'none', logTo: { write: () => true } });
    await trainer.fit(tokenBatches(ids, t, 16, 1), { steps: 60 });
    const ppl = await perplexity(lm, x, 16);
    expect(ppl).toBeLessThan(1.5);
    const before = tf.memory().numTensors;
    const out = await generate(lm, [7, 8, 9], { maxNewTokens: 5, temperature: 0 });
    expect(out).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    const s1 = await generate(lm, [7], { maxNewTokens: 6, temperature: 1.2, topK: 3, topP: 0.95, seed: 5 });
    const s2 = await generate(lm, [7], { maxNewTokens: 6, temperature: 1.2, topK: 3, topP: 0.95, seed: 5 });
    expect(s1).toEqual(s2);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    trainer.dispose();
    lm.dispose();
  });
});
