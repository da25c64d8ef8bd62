/**
 * @pretext/text — word2vec (skip-gram/CBOW with negative sampling), BERT-style masked LM and GPT-style autoregressive LM, with word-level and trained subword tokenizers, and adapters for the corpora that ship in packages (SpamAssassin, SOTU, Moby Dick).
 *
 * Not implemented yet: this package is an empty shell of the monorepo (see its README).
 */
export {};
