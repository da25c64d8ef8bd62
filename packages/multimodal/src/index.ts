/**
 * @pretext/multimodal — CLIP-style contrastive training of any two Pretext encoders, zero-shot classification and retrieval.
 *
 * Not implemented yet: this package is an empty shell of the monorepo (see its README).
 */
export {};
