import wavefile from 'wavefile';

/** Encodings {@link encodeWav} writes. */
export type WavBitDepth = '8' | '16' | '24' | '32' | '32f' | '64';

/**
 * Encodes float samples (±1, one array per channel, equal lengths) as a WAV file with `wavefile`
 * (integer depths are clipped to full scale). Used to write corpora and test fixtures.
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number, bitDepth: WavBitDepth = '16'): Uint8Array {
  if (channels.length === 0) throw new Error('encodeWav: needs at least one channel');
  const wav = new wavefile.WaveFile();
  const clipped = channels.map((c) => (bitDepth === '32f' || bitDepth === '64' ? Float64Array.from(c) : Float64Array.from(c, clip)));
  wav.fromScratch(channels.length, sampleRate, '32f', clipped);
  if (bitDepth !== '32f') wav.toBitDepth(bitDepth);
  return wav.toBuffer();
}

function clip(v: number): number {
  return Math.max(-1, Math.min(1, v));
}
