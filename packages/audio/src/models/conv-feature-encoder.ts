import { tf } from '@pretext/core';
import { ChannelTimeNorm } from './channel-time-norm.js';
import { SeededInit } from './seeded-init.js';

/** One strided 1-D convolution: `[kernel, stride]`. */
export type ConvSpec = readonly [kernel: number, stride: number];

/** Config of {@link convFeatureEncoder}. */
export interface ConvFeatureEncoderConfig {
  /** Channels of every conv layer (wav2vec 2.0: 512). */
  readonly channels: number;
  /**
   * Kernel and stride per layer. The default `[[10,5],[8,4],[4,2],[4,2],[4,2]]` has a total stride
   * of 160 samples, i.e. one latent frame every 10 ms at 16 kHz (CPC's rate; wav2vec 2.0's
   * `[[10,5],[3,2]×4,[2,2]×2]` gives 20 ms).
   */
  readonly layers?: readonly ConvSpec[];
  /**
   * Normalisation (default `'layer'`): `'layer'` normalises every frame of every layer over its
   * channels (wav2vec 2.0 large, `extractor_mode="layer_norm"`); `'group'` normalises each channel
   * of the FIRST layer over time and leaves the others unnormalised (wav2vec 2.0 base,
   * `extractor_mode="default"`), which keeps the per-frame spectral envelope.
   */
  readonly norm?: 'layer' | 'group';
}

/** The default layers: total stride 160 (10 ms at 16 kHz), receptive field 465 samples (29 ms). */
export const TEN_MS_LAYERS: readonly ConvSpec[] = [[10, 5], [8, 4], [4, 2], [4, 2], [4, 2]];

/**
 * The wav2vec-style feature encoder (Schneider et al. 2019; Baevski et al. 2020): raw waveform
 * `[B, samples]` → latent frames `[B, T, channels]` through strided `conv1d` ('valid') layers,
 * each followed by a normalisation (see {@link ConvFeatureEncoderConfig.norm}) and GELU. Accepts any
 * clip length; see {@link latentFrames}. Weights are seeded with `seed`.
 */
export function convFeatureEncoder(config: ConvFeatureEncoderConfig, seed = 0, name = 'conv_feature_encoder'): tf.LayersModel {
  const layers = config.layers ?? TEN_MS_LAYERS;
  checkConfig(config.channels, layers);
  const norm = config.norm ?? 'layer';
  const init = new SeededInit(seed);
  const input = tf.input({ shape: [null], name: `${name}_wave` });
  let x = tf.layers.reshape({ targetShape: [-1, 1], name: `${name}_expand` }).apply(input) as tf.SymbolicTensor;
  layers.forEach(([kernel, stride], i) => {
    x = tf.layers
      .conv1d({ filters: config.channels, kernelSize: kernel, strides: stride, padding: 'valid', kernelInitializer: init.he(), name: `${name}_conv${i}` })
      .apply(x) as tf.SymbolicTensor;
    if (norm === 'layer') x = tf.layers.layerNormalization({ axis: -1, name: `${name}_norm${i}` }).apply(x) as tf.SymbolicTensor;
    else if (i === 0) x = new ChannelTimeNorm({ name: `${name}_norm${i}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.activation({ activation: 'gelu', name: `${name}_gelu${i}` }).apply(x) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: input, outputs: x, name });
}

/** Latent frames the encoder produces for a clip of `samples` samples (0 if it is too short). */
export function latentFrames(samples: number, layers: readonly ConvSpec[] = TEN_MS_LAYERS): number {
  let t = samples;
  for (const [k, s] of layers) t = t < k ? 0 : Math.floor((t - k) / s) + 1;
  return t;
}

function checkConfig(channels: number, layers: readonly ConvSpec[]): void {
  if (!(Number.isInteger(channels) && channels > 0)) throw new Error(`convFeatureEncoder: channels must be a positive integer, got ${channels}`);
  if (layers.length === 0) throw new Error('convFeatureEncoder: needs at least one conv layer');
  for (const [k, s] of layers) {
    if (!(Number.isInteger(k) && k > 0 && Number.isInteger(s) && s > 0)) {
      throw new Error(`convFeatureEncoder: each layer must be [kernel, stride] with positive integers, got [${k}, ${s}]`);
    }
  }
}
