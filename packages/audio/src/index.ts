/**
 * @pretext/audio — CPC and a wav2vec-style objective on raw speech: WAV loading with wavefile, resampling, log-mel/MFCC baselines, and a spoken-digit corpus synthesised with espeak-ng.
 *
 * Not implemented yet: this package is an empty shell of the monorepo (see its README).
 */
export {};
