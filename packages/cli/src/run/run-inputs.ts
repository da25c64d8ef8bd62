import { join } from 'node:path';
import { loadEncoder, tf } from '@pretext/core';
import type { TextTokenizer } from '@pretext/text';
import { CliError } from '../cli-error.js';
import type { AudioSet, LoadedData, TextSet } from '../data/loaded-data.js';
import type { ImageDataset } from '@pretext/vision';
import type { CaptionPairs } from '@pretext/multimodal';
import { need, type Modalities } from '../modalities/load-modalities.js';
import type { RunMeta } from './run-meta.js';

/** Model inputs of one part of a data set, with what is known about each example. */
export interface ExampleInputs {
  readonly inputs: tf.Tensor;
  readonly labels?: Int32Array | undefined;
  readonly classes?: readonly string[] | undefined;
  readonly sources?: readonly string[] | undefined;
}

type Part = ImageDataset | TextSet | AudioSet | CaptionPairs;

/** Loads the encoder saved in `dir` (and its tokenizer, for text), with the modality layers registered. */
export async function loadRunEncoder(m: Modalities, dir: string, run: RunMeta): Promise<{ encoder: tf.LayersModel; tokenizer?: TextTokenizer }> {
  const encoder = await loadEncoder(dir).catch((e: unknown) => {
    throw new CliError(`--encoder ${dir}: ${(e as Error).message}`, { cause: e });
  });
  if (!run.tokenizer) return { encoder };
  const tokenizer = await need(m, 'text').loadTokenizer(join(dir, run.tokenizer));
  return { encoder, tokenizer };
}

/** Turns one part of `data` into the encoder's inputs, decoded as the run recorded. */
export async function inputsOf(m: Modalities, data: LoadedData, part: Part, run: RunMeta, tokenizer: TextTokenizer | undefined): Promise<ExampleInputs> {
  if (data.kind === 'images') {
    const d = part as ImageDataset;
    const [h, w] = run.imageSize;
    if (d.height !== h || d.width !== w || d.channels !== run.channels) {
      throw new CliError(`the encoder takes ${h}×${w}×${run.channels} images, the data has ${d.height}×${d.width}×${d.channels}`);
    }
    return { inputs: d.images(), labels: d.labels, classes: d.classNames, sources: d.sources };
  }
  if (data.kind === 'text') {
    const t = part as TextSet;
    if (!tokenizer) throw new CliError('the encoder has no tokenizer.json: it was not trained on text');
    const ids = await need(m, 'text').encodeForModel(tokenizer, t.texts, { maxLength: run.maxLength });
    return { inputs: tf.tensor2d(ids, [t.texts.length, run.maxLength], 'int32'), labels: t.labels, classes: t.classes, sources: t.sources };
  }
  if (data.kind === 'audio') {
    const a = part as AudioSet;
    return { inputs: need(m, 'audio').stackWaves(a.clips, run.clipSamples), labels: a.labels, classes: a.classes, sources: a.sources };
  }
  const p = part as CaptionPairs;
  return { inputs: p.media.gather(), labels: p.media.labels, classes: p.media.classNames, sources: p.media.sources };
}
