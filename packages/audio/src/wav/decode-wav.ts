import wavefile from 'wavefile';
import { checkRiffChunks } from './riff-chunks.js';
import { WavFormatError } from './wav-error.js';

/** A decoded WAV: mono float samples at the file's own rate. */
export interface DecodedWav {
  /** Samples mixed to mono (the mean of the channels), float32, full scale ±1. */
  readonly samples: Float32Array;
  /** The file's sample rate in Hz. */
  readonly sampleRate: number;
  /** Channels in the file (before mixing). */
  readonly channels: number;
  /** The file's encoding as wavefile names it: `'8'`, `'16'`, `'24'`, `'32'`, `'32f'`, `'64'`, `'8m'`, `'8a'`. */
  readonly bitDepth: string;
}

const SUPPORTED = new Set(['8', '16', '24', '32', '32f', '64', '8m', '8a']);

/**
 * Decodes a WAV file's bytes with `wavefile`: PCM 8 (unsigned), 16, 24 and 32-bit integer,
 * 32 and 64-bit float, µ-law and A-law, any channel count (averaged to mono), any sample rate.
 *
 * @param bytes the whole file.
 * @param name the file name, used in error messages.
 * @throws WavFormatError naming the file when it is not a WAV, is truncated, or uses an unsupported
 *   encoding (e.g. ADPCM).
 */
export function decodeWav(bytes: Uint8Array, name: string): DecodedWav {
  checkRiffChunks(bytes, name);
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
  } catch (e) {
    throw new WavFormatError(name, `cannot parse WAV (${e instanceof Error ? e.message : String(e)})`);
  }
  // Read the header before converting: toBitDepth rebuilds wav.fmt.
  const { numChannels, sampleRate, blockAlign } = wav.fmt as { numChannels: number; sampleRate: number; blockAlign: number };
  const fmt = { numChannels, sampleRate, blockAlign };
  const dataBytes = (wav.data as { chunkSize: number }).chunkSize;
  const bitDepth = wav.bitDepth;
  if (!SUPPORTED.has(bitDepth)) {
    throw new WavFormatError(name, `unsupported WAV encoding (bit depth/format '${bitDepth}'); use PCM or float`);
  }
  if (!(fmt.numChannels >= 1)) throw new WavFormatError(name, `WAV declares ${fmt.numChannels} channels`);
  if (!(fmt.sampleRate > 0)) throw new WavFormatError(name, `WAV declares a sample rate of ${fmt.sampleRate} Hz`);
  if (fmt.blockAlign > 0 && dataBytes % fmt.blockAlign !== 0) {
    throw new WavFormatError(name, `truncated WAV: the data chunk ends inside a sample frame (${dataBytes} bytes, frames of ${fmt.blockAlign})`);
  }
  if (bitDepth === '8m') wav.fromMuLaw();
  else if (bitDepth === '8a') wav.fromALaw();
  // Raw interleaved values, scaled here (much faster than wavefile's toBitDepth('32f')).
  const raw = wav.getSamples(true, Float64Array) as unknown as Float64Array;
  const depth = wav.bitDepth;
  const [offset, scale] = depth === '8' ? [-128, 1 / 128] : depth === '32f' || depth === '64' ? [0, 1] : [0, 1 / 2 ** (Number(depth) - 1)];
  const channels = fmt.numChannels;
  const frames = Math.floor(raw.length / channels);
  const samples = new Float32Array(frames);
  const norm = scale / channels;
  for (let f = 0; f < frames; f++) {
    let acc = 0;
    for (let c = 0; c < channels; c++) acc += raw[f * channels + c]! + offset;
    samples[f] = acc * norm;
  }
  return { samples, sampleRate: fmt.sampleRate, channels, bitDepth };
}
/** The mean of the channels, sample by sample. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return Float32Array.from(channels[0]!);
  const n = channels[0]?.length ?? 0;
  const out = new Float32Array(n);
  for (const ch of channels) for (let i = 0; i < n; i++) out[i]! += ch[i]!;
  const scale = 1 / channels.length;
  for (let i = 0; i < n; i++) out[i]! *= scale;
  return out;
}
