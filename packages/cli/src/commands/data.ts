import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@pretext/core';
import type { ImageDataset } from '@pretext/vision';
import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import { BUILTIN_DATA } from '../data/builtin-data.js';
import type { TextSet } from '../data/loaded-data.js';
import { progressBar } from '../io/progress.js';
import { loadModalities, need, type Modalities } from '../modalities/load-modalities.js';

/** Options of `pretext data`. */
export interface DataCommandOptions {
  readonly out: string;
  readonly format: 'jsonl' | 'folder';
}

const pad = (i: number): string => String(i).padStart(5, '0');

/** Writes images as PNG files in class folders (`<dir>/<class>/<n>.png`), or flat when unlabeled. */
async function writeImages(set: ImageDataset, dir: string, label: string, captions?: (i: number) => readonly string[]): Promise<void> {
  const { default: sharp } = await import('sharp');
  const bar = progressBar(label, set.count);
  const lines: string[] = [];
  for (let i = 0; i < set.count; i++) {
    const cls = set.labels ? set.classNames[set.labels[i]!] ?? String(set.labels[i]) : undefined;
    const rel = cls === undefined ? `${pad(i)}.png` : `${cls}/${pad(i)}.png`;
    if (i === 0 || (cls !== undefined && set.labels![i] !== set.labels![i - 1])) await mkdir(join(dir, cls ?? ''), { recursive: true });
    const pixels = set.pixels.subarray(i * set.imageSize, (i + 1) * set.imageSize);
    await sharp(pixels, { raw: { width: set.width, height: set.height, channels: set.channels as 1 | 3 } }).png().toFile(join(dir, rel));
    if (captions) lines.push(JSON.stringify({ file: rel, captions: captions(i) }));
    bar.tick();
  }
  bar.done();
  if (captions) await writeFileAtomic(join(dir, 'captions.jsonl'), `${lines.join('\n')}\n`);
}

/** Writes texts as `<file>.jsonl` ({text, label?}) or as a folder of `.txt` files (class sub-folders when labeled). */
async function writeTexts(set: TextSet, out: string, part: string, format: DataCommandOptions['format']): Promise<void> {
  const className = (i: number): string | undefined => (set.labels ? set.classes?.[set.labels[i]!] ?? String(set.labels[i]) : undefined);
  if (format === 'jsonl') {
    const lines = set.texts.map((text, i) => JSON.stringify({ text, ...(className(i) !== undefined ? { label: className(i) } : {}) }));
    await writeFileAtomic(join(out, `${part}.jsonl`), `${lines.join('\n')}\n`);
    return;
  }
  const bar = progressBar(part, set.texts.length);
  for (const [i, text] of set.texts.entries()) {
    const dir = join(out, part, className(i) ?? '');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${pad(i)}.txt`), text);
    bar.tick();
  }
  bar.done();
}

/**
 * `pretext data <name>`: materialises a built-in data set as plain files that every other command
 * (and other tools) can read: MNIST as PNG class folders, the text corpora as JSONL or `.txt`
 * folders, spoken digits as WAV files (espeak-ng), captioned MNIST as PNGs plus `captions.jsonl`.
 */
export async function materialise(name: string, o: DataCommandOptions): Promise<void> {
  const builtin = BUILTIN_DATA[name];
  if (!builtin) throw new CliError(`unknown data set '${name}'; available: ${Object.keys(BUILTIN_DATA).join(', ')}`);
  const m: Modalities = await loadModalities();
  await mkdir(o.out, { recursive: true });
  if (name === 'spoken-digits') {
    const corpus = await need(m, 'audio').spokenDigits({ outDir: o.out });
    process.stdout.write(`wrote ${corpus.clips.length} WAV clips and corpus.json (speakers, digits, splits) to ${o.out}\n`);
    return;
  }
  if (name === 'mnist-captions') {
    const mm = need(m, 'multimodal');
    const caps = await mm.mnistCaptions();
    for (const [part, set, templates] of [['train', caps.images.train, caps.trainingTemplates], ['test', caps.images.test, caps.evaluationTemplates]] as const) {
      await writeImages(set, join(o.out, part), part, (i) => templates.map((t) => mm.renderDigitCaption(t, set.labels![i]!)));
    }
    process.stdout.write(`wrote ${o.out}/{train,test}/<digit>/*.png with captions.jsonl in each\n`);
    return;
  }
  const data = await builtin.load(m, { imageSize: [28, 28], channels: 1, sampleRate: 16000 });
  const parts: [string, unknown][] = [['train', data.train], ...(data.test ? [['test', data.test] as [string, unknown]] : [])];
  for (const [part, set] of parts) {
    if (data.kind === 'images') await writeImages(set as ImageDataset, join(o.out, part), part);
    else if (data.kind === 'text') await writeTexts(set as TextSet, o.out, part, o.format);
  }
  process.stdout.write(`wrote ${name} (${parts.map(([p]) => p).join(', ')}) to ${o.out}\n`);
}

/** The `pretext data` command. */
export function dataCommand(): Command {
  const list = Object.entries(BUILTIN_DATA).map(([n, d]) => `  ${n.padEnd(15)} ${d.description}`).join('\n');
  return new Command('data')
    .description('write a built-in data set as plain files (PNG class folders, JSONL / .txt, WAV)')
    .argument('<name>', 'data set (see below)')
    .requiredOption('--out <dir>', 'directory to write into (created)')
    .addOption(new Option('--format <f>', 'text sets: one JSONL file per split, or folders of .txt files').choices(['jsonl', 'folder']).default('jsonl'))
    .addHelpText('after', `\nData sets:\n${list}\n`)
    .action(async (name: string, o: DataCommandOptions) => materialise(name, o));
}
