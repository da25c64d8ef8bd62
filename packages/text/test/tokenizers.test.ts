import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BpeTokenizer, encodeForModel, loadTokenizer, mobyDick, saveTokenizer, SPECIAL_IDS, SPECIAL_TOKENS, WordTokenizer } from '../src/index.js';

const texts = mobyDick().slice(3, 12).map((c) => c.text);

describe('tokenizers', () => {
  it('word tokenizer: frequent words, [UNK], specials, round trip through JSON', async () => {
    const tok = WordTokenizer.train(['the cat sat', 'the dog sat!', 'The end.'], { minCount: 2 });
    expect(tok.tokens().slice(0, 7)).toEqual([...SPECIAL_TOKENS]);
    expect(tok.tokens().slice(7)).toEqual(['the', 'sat']);
    expect(tok.encode('The cat sat')).toEqual([7, SPECIAL_IDS.unk, 8]);
    const dir = await mkdtemp(join(tmpdir(), 'tok-'));
    await saveTokenizer(tok, join(dir, 't.json'));
    const back = await loadTokenizer(join(dir, 't.json'));
    expect(await back.encodeBatch(['the sat cat'])).toEqual([[7, 8, SPECIAL_IDS.unk]]);
  });

  it('BPE trained with HF tokenizers: target vocab, specials, lossless decode, save/load', async () => {
    const tok = await BpeTokenizer.train(texts, { vocabSize: 600 });
    expect(tok.vocabSize).toBe(600);
    expect(tok.idToToken(SPECIAL_IDS.mask)).toBe('[MASK]');
    const sample = 'Call me Ishmael — whaling in 1851! ☃';
    const [ids] = await tok.encodeBatch([sample]);
    expect(ids!.length).toBeLessThan(sample.length);
    expect(ids!.every((i) => i >= 7 && i < 600)).toBe(true);
    expect(await tok.decode(ids!)).toBe(sample);
    const [whale] = await tok.encodeBatch(['whale']);
    expect(whale!.length).toBeLessThanOrEqual(2);
    const again = await BpeTokenizer.train(texts, { vocabSize: 600 });
    expect(again.toJSON()).toEqual(tok.toJSON());
    const dir = await mkdtemp(join(tmpdir(), 'bpe-'));
    await saveTokenizer(tok, join(dir, 'tokenizer.json'));
    const loaded = await loadTokenizer(join(dir, 'tokenizer.json'));
    expect(await loaded.encodeBatch([sample])).toEqual([ids]);
  });

  it('encodes padded rows with [CLS]/[SEP]', async () => {
    const tok = WordTokenizer.train(['a b c d e']);
    const m = await encodeForModel(tok, ['a b', 'a b c d e'], { maxLength: 5, wrap: 'cls-sep' });
    const a = tok.tokenToId('a')!;
    const b = tok.tokenToId('b')!;
    const c = tok.tokenToId('c')!;
    expect([...m]).toEqual([2, a, b, 3, 0, 2, a, b, c, 3]);
  });
});
