import { tf, type DataSource } from '@pretext/core';
import type { TextTokenizer } from '@pretext/text';
import { CliError } from '../cli-error.js';
import type { LoadedData } from '../data/loaded-data.js';
import { need, type Modalities } from '../modalities/load-modalities.js';

/** Settings of a pre-training run that shape its data. */
export interface RunSettings {
  readonly batchSize: number;
  readonly seed: number;
  /** Tokens per text row (captions for CLIP). */
  readonly maxLength: number;
  /** Word vocabulary size of the tokenizer trained on the data. */
  readonly vocabSize: number;
  /** Samples per audio clip (clips are centred and cropped or zero-padded). */
  readonly clipSamples: number;
}

/** An objective's config completed from the data, and the Trainer data source. */
export interface PreparedRun {
  readonly config: Record<string, unknown>;
  readonly data: DataSource;
  /** Optimizer steps in one epoch. */
  readonly stepsPerEpoch: number;
  readonly tokenizer?: TextTokenizer | undefined;
  /** Tensors to free after training. */
  readonly owned: readonly tf.Tensor[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `base` overlaid with `over`, objects merged key by key. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isRecord(v) && isRecord(out[k]) ? deepMerge(out[k], v) : v;
  return out;
}

function checkBatch(count: number, batchSize: number, what: string): number {
  const steps = Math.floor(count / batchSize);
  if (steps < 1) throw new CliError(`--batch-size ${batchSize} exceeds the ${count} ${what} of the data; pass a smaller --batch-size`);
  return steps;
}

/**
 * Completes the objective config with what the data decides (image shape, vocabulary size and
 * sequence length, the CLIP towers) under the user's `--config` values, and builds the batches.
 */
export async function prepareRun(m: Modalities, data: LoadedData, user: Record<string, unknown>, s: RunSettings): Promise<PreparedRun> {
  if (data.kind === 'images') {
    const d = data.train;
    const stepsPerEpoch = checkBatch(d.count, s.batchSize, 'images');
    const config = { ...user, inputShape: [d.height, d.width, d.channels] };
    return { config, data: d.batches({ batchSize: s.batchSize, seed: s.seed }), stepsPerEpoch, owned: [] };
  }
  if (data.kind === 'text') {
    const text = need(m, 'text');
    const maxLength = typeof user.maxLength === 'number' ? user.maxLength : s.maxLength;
    const tokenizer = text.WordTokenizer.train(data.train.texts, { maxVocab: s.vocabSize });
    const ids = text.chunkTokens(await tokenizer.encodeBatch(data.train.texts), maxLength);
    const stepsPerEpoch = checkBatch(ids.length / maxLength, s.batchSize, `${maxLength}-token chunks`);
    const config = { ...user, vocabSize: tokenizer.vocabSize, maxLength };
    return { config, data: text.tokenBatches(ids, maxLength, s.batchSize, s.seed), stepsPerEpoch, tokenizer, owned: [] };
  }
  if (data.kind === 'audio') {
    const audio = need(m, 'audio');
    const stepsPerEpoch = checkBatch(data.train.clips.length, s.batchSize, 'clips');
    const waves = audio.stackWaves(data.train.clips, s.clipSamples);
    return { config: { ...user }, data: audio.waveBatches(waves, { batchSize: s.batchSize, seed: s.seed }), stepsPerEpoch, owned: [waves] };
  }
  const text = need(m, 'text');
  const pairs = data.train;
  const stepsPerEpoch = checkBatch(pairs.media.count, s.batchSize, 'captioned items');
  const tokenizer = text.WordTokenizer.train(pairs.captions.flat(), { maxVocab: s.vocabSize });
  const first = pairs.media.gather([0]);
  const shape = first.shape.slice(1);
  first.dispose();
  const defaults = {
    a: pairs.media.modality === 'image' ? { modality: 'image', inputShape: shape } : { modality: 'audio' },
    b: { modality: 'text', encoder: { vocabSize: tokenizer.vocabSize, maxLength: s.maxLength } },
  };
  const config = deepMerge(defaults, user);
  const b = config.b;
  const maxLength = isRecord(b) && isRecord(b.encoder) && typeof b.encoder.maxLength === 'number' ? b.encoder.maxLength : s.maxLength;
  const batches = await pairs.batches({ batchSize: s.batchSize, seed: s.seed, tokenizer, maxLength });
  return { config, data: batches, stepsPerEpoch, tokenizer, owned: [] };
}
