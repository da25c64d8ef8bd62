import { extractEmbeddings, initBackend, labelFractionSubsets, linearProbe, tf, Trainer } from '@pretext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeForModel, MaskedLm, spamAssassin, splitWords, tfidfLogisticRegression, tokenBatches, Word2Vec, word2vecEncoder, WordTokenizer, type LabeledTexts } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm', env: {} });
});

/** The first `n` examples of each class (the split itself is the fixed seeded one). */
function take(set: LabeledTexts, n: number): LabeledTexts {
  const idx = [0, 1].flatMap((c) => [...set.labels.keys()].filter((i) => set.labels[i] === c).slice(0, n));
  return { texts: idx.map((i) => set.texts[i]!.slice(0, 2000)), labels: Int32Array.from(idx, (i) => set.labels[i]!), classes: set.classes };
}

describe('spam label-efficiency benchmark (tiny, seeded)', () => {
  it('word2vec / masked-LM probes and TF-IDF + LR at 10 % labels beat the majority class', async () => {
    const { train: fullTrain, test: fullTest } = spamAssassin();
    const train = take(fullTrain, 200);
    const test = take(fullTest, 100);
    const [subset] = labelFractionSubsets(train.labels, [0.1], 0);
    const labeled = { texts: subset!.indices.map((i) => train.texts[i]!), labels: subset!.indices.map((i) => train.labels[i]!) };
    const majority = 0.5;

    const tfidf = await tfidfLogisticRegression(labeled, test, { fitOn: train.texts, tfidf: { maxFeatures: 1000 }, probe: { seed: 0 } });
    expect(tfidf).toBeGreaterThan(majority + 0.2);

    const tok = WordTokenizer.train(train.texts, { minCount: 2, maxVocab: 3000, punctuation: false });
    const w2v = Word2Vec.train(train.texts.map((t) => splitWords(t, { punctuation: false })), { dim: 32, epochs: 3, minCount: 2, seed: 0 });
    const t = 64;
    const xTrain = tf.tensor2d(await encodeForModel(tok, labeled.texts, { maxLength: t }), [labeled.texts.length, t], 'int32');
    const xTest = tf.tensor2d(await encodeForModel(tok, test.texts, { maxLength: t }), [test.texts.length, t], 'int32');
    const enc = word2vecEncoder(w2v, tok);
    const [eTrain, eTest] = [await extractEmbeddings(enc, xTrain), await extractEmbeddings(enc, xTest)];
    const w2vProbe = await linearProbe({ features: eTrain, labels: labeled.labels }, { seed: 0, test: { features: eTest, labels: test.labels } });
    expect(w2vProbe.testAccuracy).toBeGreaterThan(majority + 0.1);
    w2vProbe.head.dispose();
    enc.dispose();
    tf.dispose([eTrain, eTest]);

    const all = await encodeForModel(tok, train.texts, { maxLength: t });
    const mlm = new MaskedLm({ vocabSize: tok.vocabSize, maxLength: t, dim: 16, depth: 1, heads: 2, mlpRatio: 2, seed: 0 });
    const trainer = new Trainer(mlm, { lr: 3e-3, seed: 0, progress: 'none', logTo: { write: () => true } });
    const fit = await trainer.fit(tokenBatches(all, t, 32, 0), { steps: 12 });
    expect(fit.history.losses.at(-1)!).toBeLessThan(fit.history.losses[0]!);
    const [mTrain, mTest] = [await extractEmbeddings(mlm.encoder, xTrain), await extractEmbeddings(mlm.encoder, xTest)];
    const mlmProbe = await linearProbe({ features: mTrain, labels: labeled.labels }, { seed: 0, test: { features: mTest, labels: test.labels } });
    expect(mlmProbe.testAccuracy).toBeGreaterThan(majority);
    mlmProbe.head.dispose();
    tf.dispose([mTrain, mTest, xTrain, xTest]);
    trainer.dispose();
    mlm.dispose();
  });
});
