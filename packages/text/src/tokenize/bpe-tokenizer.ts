import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as HfTokenizers from 'tokenizers';
import { NUM_SPECIAL_TOKENS, SPECIAL_TOKENS } from './special-tokens.js';
import type { TextTokenizer, TokenizerJson } from './text-tokenizer.js';

const hf = createRequire(import.meta.url)('tokenizers') as typeof HfTokenizers;

/** Options of {@link BpeTokenizer.train}. */
export interface BpeTrainOptions {
  /** Target vocabulary size, specials and the 256 byte symbols included (default 4000). */
  readonly vocabSize?: number;
  /** Lower-case before tokenising (default false). */
  readonly lowercase?: boolean;
}

interface HfJson {
  model: { vocab: Record<string, number>; merges: [string, string][] | string[] };
}

/**
 * A byte-level BPE tokenizer (GPT-2 style: any text encodes, no unknown tokens, decoding is
 * lossless up to NFKC normalisation), TRAINED with HuggingFace's Rust `tokenizers` library (its
 * napi-rs npm build, which ships the native binaries for every platform inside the package).
 *
 * The library's Node binding trains with default trainer settings only (no vocabulary size nor
 * special tokens), so training runs it to completion and then keeps the first merges: BPE learns
 * merges greedily, one at a time, so the first k merges of a long run ARE the merges of a run
 * stopped at k. The result is assembled as a standard `tokenizer.json` (specials at ids 0–6,
 * then the 256 byte symbols, then the merged tokens in merge order) and loaded back into the
 * library, which does all encoding and decoding.
 */
export class BpeTokenizer implements TextTokenizer {
  readonly kind = 'bpe';
  private readonly json: Readonly<Record<string, unknown>>;
  private readonly hf: HfTokenizers.Tokenizer;
  private readonly vocab: string[];

  /** @param json a `tokenizer.json` object of the shape {@link BpeTokenizer.train} builds. */
  constructor(json: Readonly<Record<string, unknown>>) {
    this.json = json;
    this.hf = hf.Tokenizer.fromString(JSON.stringify(json));
    const vocab = this.hf.getVocab(true);
    this.vocab = [];
    for (const [tok, id] of Object.entries(vocab)) this.vocab[id] = tok;
    SPECIAL_TOKENS.forEach((s, i) => {
      if (this.vocab[i] !== s) throw new Error(`BpeTokenizer: id ${i} must be the special token '${s}', got '${this.vocab[i]}'`);
    });
  }

  /** Trains a byte-level BPE on `texts` (written to a temporary file that the library reads). */
  static async train(texts: Iterable<string>, options: BpeTrainOptions = {}): Promise<BpeTokenizer> {
    const target = options.vocabSize ?? 4000;
    const alphabet = hf.byteLevelAlphabet();
    if (!(Number.isInteger(target) && target >= NUM_SPECIAL_TOKENS + alphabet.length)) {
      throw new Error(`BpeTokenizer.train: vocabSize must be an integer ≥ ${NUM_SPECIAL_TOKENS + alphabet.length}, got ${target}`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'pretext-bpe-'));
    try {
      const corpus = join(dir, 'corpus.txt');
      await writeFile(corpus, [...texts].join('\n'));
      const trainer = new hf.Tokenizer(hf.BPE.empty());
      const base = pipeline(options.lowercase ?? false);
      const configured = hf.Tokenizer.fromString(JSON.stringify({ ...emptyTokenizerJson(), ...base, model: { type: 'BPE', vocab: {}, merges: [] } }));
      trainer.setNormalizer(configured.getNormalizer()!);
      trainer.setPreTokenizer(configured.getPreTokenizer()!);
      trainer.train([corpus]);
      const out = join(dir, 'trained.json');
      trainer.save(out);
      const trained = JSON.parse(await readFile(out, 'utf8')) as HfJson;
      const vocab: Record<string, number> = {};
      SPECIAL_TOKENS.forEach((s, i) => (vocab[s] = i));
      let next = NUM_SPECIAL_TOKENS;
      for (const symbol of [...alphabet].sort()) vocab[symbol] = next++;
      const merges: [string, string][] = [];
      for (const m of trained.model.merges) {
        if (next >= target) break;
        const [a, b] = typeof m === 'string' ? (m.split(' ') as [string, string]) : m;
        if (vocab[a] === undefined || vocab[b] === undefined) continue;
        merges.push([a, b]);
        if (vocab[a + b] === undefined) vocab[a + b] = next++;
      }
      return new BpeTokenizer({
        ...emptyTokenizerJson(),
        ...base,
        added_tokens: SPECIAL_TOKENS.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
        model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  async encodeBatch(texts: readonly string[]): Promise<number[][]> {
    const encodings = await this.hf.encodeBatch([...texts], { addSpecialTokens: false });
    return encodings.map((e) => e.getIds());
  }

  async decode(ids: readonly number[]): Promise<string> {
    // The byte-level pre-tokenizer adds a prefix space before the first word; drop it again.
    const text = await this.hf.decode([...ids], true);
    return text.startsWith(' ') ? text.slice(1) : text;
  }

  idToToken(id: number): string | undefined {
    return this.vocab[id];
  }

  tokenToId(token: string): number | undefined {
    return this.hf.tokenToId(token) ?? undefined;
  }

  toJSON(): TokenizerJson {
    return { format: 'pretext-tokenizer', kind: 'bpe', tokenizer: this.json };
  }
}

function emptyTokenizerJson(): Record<string, unknown> {
  return { version: '1.0', truncation: null, padding: null, added_tokens: [], post_processor: null };
}

function pipeline(lowercase: boolean): Record<string, unknown> {
  return {
    normalizer: lowercase ? { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] } : { type: 'NFKC' },
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  };
}
