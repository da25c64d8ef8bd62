/**
 * `@pretext/audio`: self-supervised speech representation learning on raw waveforms — WAV
 * loading with wavefile (any PCM/float depth, channels mixed to mono, anti-aliased resampling),
 * labeled audio folders, log-mel / MFCC baselines (fft.js), a spoken-digit corpus synthesised with
 * espeak-ng (and sox for noise), wav2vec-style conv / GRU / transformer encoders, and the CPC and
 * wav2vec-style objectives. Importing it registers `cpc` and `wav2vec` with `@pretext/core`.
 */
export { decodeWav, mixToMono, type DecodedWav } from './wav/decode-wav.js';
export { encodeWav, type WavBitDepth } from './wav/encode-wav.js';
export { decodeAndResample, DEFAULT_SAMPLE_RATE, readWav, type AudioClip, type ReadWavOptions } from './wav/read-wav.js';
export { resample, type ResampleOptions } from './wav/resample.js';
export { checkRiffChunks, type RiffChunk } from './wav/riff-chunks.js';
export { WavFormatError } from './wav/wav-error.js';

export { loadAudioFolder, type AudioFolder, type AudioFolderOptions, type FolderLabels } from './data/audio-folder.js';
export { parseCsv, type CsvTable } from './data/csv-labels.js';
export { fitLength, stackWaves } from './data/fixed-length.js';
export { waveBatches, type WaveBatchOptions } from './data/wave-batches.js';

export { clipFeatures } from './features/clip-features.js';
export { logMelSpectrogram, type FeatureMatrix, type LogMelOptions } from './features/log-mel.js';
export { hzToMel, melFilterbank, melToHz } from './features/mel-filterbank.js';
export { mfcc, type MfccOptions } from './features/mfcc.js';
export { poolFeatures } from './features/pooled-features.js';
export { frameSettings, powerSpectrogram, type FrameOptions, type PowerSpectrogram } from './features/power-spectrogram.js';

export { defaultSpeakers, DIGIT_ACCENTS, DIGIT_VARIANTS, DIGIT_WORDS } from './speech/digit-voices.js';
export { loadSpokenDigits, type SpokenDigitsData } from './speech/load-spoken-digits.js';
export { NOISE_COLOURS, type NoiseColour } from './speech/sox-noise.js';
export { speakerHeldOutSplit, splitIndices, type DigitSplit } from './speech/speaker-split.js';
export {
  CORPUS_INDEX,
  spokenDigits,
  type DigitNoiseOptions,
  type SpokenDigitClip,
  type SpokenDigitsCorpus,
  type SpokenDigitsOptions,
} from './speech/spoken-digits.js';

export { joinAudioEncoder, type AudioEncoderParts } from './models/audio-encoder.js';
export { convFeatureEncoder, latentFrames, TEN_MS_LAYERS, type ConvFeatureEncoderConfig, type ConvSpec } from './models/conv-feature-encoder.js';
export { ChannelTimeNorm, type ChannelTimeNormArgs } from './models/channel-time-norm.js';
export { gruContext, type GruContextConfig } from './models/gru-context.js';
export { AudioTransformerBlock, type AudioTransformerBlockArgs } from './models/transformer-block.js';
export { transformerContext, type TransformerContextConfig } from './models/transformer-context.js';

export { convEncoderSchema, waveOf } from './objectives/audio-config.js';
export { Cpc, cpcConfigSchema, cpcEncoder, type CpcConfig, type CpcConfigInput } from './objectives/cpc.js';
export { GumbelQuantizer, type GumbelQuantizerArgs, type Quantized } from './objectives/gumbel-quantizer.js';
export { MaskEmbedding, type MaskEmbeddingArgs } from './objectives/mask-embedding.js';
export { registerAudioObjectives } from './objectives/register-objectives.js';
export { spanMask, type SpanMaskOptions } from './objectives/span-mask.js';
export { Wav2vec, wav2vecConfigSchema, wav2vecEncoder, type Wav2vecConfig, type Wav2vecConfigInput, type Wav2vecStepStats } from './objectives/wav2vec.js';

export {
  digitsLabelEfficiency,
  type DigitsBenchmarkOptions,
  type DigitsBenchmarkReport,
  type DigitsBenchmarkRow,
  type DigitTask,
  type PretrainedMethod,
} from './eval/digits-benchmark.js';

import { registerAudioObjectives } from './objectives/register-objectives.js';

registerAudioObjectives();
