import { access } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createObjective, initBackend, LATEST_POINTER, parseTrainerConfig, pretrainWithinBudget, saveEncoder, saveObjectiveState, Trainer,
  type BackendName, type Objective, type ProgressMode, type TrainerOptions,
} from '@pretext/core';
import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import { KIND_WORDS } from '../data/data-kind.js';
import type { DataOptions } from '../data/loaded-data.js';
import { resolveData } from '../data/resolve-data.js';
import { loadModalities, need, type Modalities } from '../modalities/load-modalities.js';
import { findObjective, objectiveCatalog } from '../modalities/objective-catalog.js';
import { BACKEND_HELP, backendOption, positiveInt, positiveNumber } from '../options.js';
import { readConfigFile } from '../run/config-file.js';
import { prepareRun } from '../run/prepare-run.js';
import { TOKENIZER_FILE, type RunMeta } from '../run/run-meta.js';
import { trainWord2Vec } from '../run/word2vec-run.js';

/** Options of `pretext pretrain`. */
export interface PretrainOptions {
  readonly data: string;
  readonly out: string;
  readonly config?: string;
  readonly epochs: number;
  readonly steps?: number;
  readonly minutes?: number;
  readonly batchSize: number;
  readonly lr?: number;
  readonly seed: number;
  readonly resume: boolean;
  readonly checkpointEvery: number;
  readonly imageSize: number;
  readonly channels: '1' | '3';
  readonly maxLength?: number;
  readonly vocabSize: number;
  readonly clipSeconds: number;
  readonly sampleRate: number;
  readonly progress?: ProgressMode;
  readonly backend?: BackendName;
}

/** The data-decoding options of a run (also recorded for `probe` and `embed`). */
export function dataOptionsOf(o: Pick<PretrainOptions, 'imageSize' | 'channels' | 'sampleRate'>): DataOptions {
  return { imageSize: [o.imageSize, o.imageSize], channels: o.channels === '1' ? 1 : 3, sampleRate: o.sampleRate };
}

/** The `[H, W, C]` image shape of an objective config (vision objectives, or CLIP's image tower a). */
function imageShapeOf(config: Record<string, unknown>): [number, number, number] | undefined {
  const a = config.a as { inputShape?: unknown } | undefined;
  const shape = Array.isArray(config.inputShape) ? config.inputShape : Array.isArray(a?.inputShape) ? a.inputShape : undefined;
  return shape?.length === 3 && shape.every((v) => typeof v === 'number') ? (shape as [number, number, number]) : undefined;
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/**
 * `pretext pretrain <objective>`: pre-trains any objective of the installed modality packages on
 * `--data` with core's Trainer (checkpoints in `--out`, `--resume`, Ctrl-C saves), then saves the
 * encoder (`saveEncoder`), the whole objective state and, for text, the tokenizer into `--out`.
 */
export async function pretrain(name: string, o: PretrainOptions): Promise<void> {
  const m = await loadModalities();
  const entry = findObjective(m, name);
  const file = await readConfigFile(o.config);
  const trainerConfig = parseTrainerConfig({ ...(file.trainer ?? {}), ...(o.lr !== undefined ? { lr: o.lr } : {}) });
  if (o.resume && o.minutes !== undefined) throw new CliError('--resume and --minutes cannot be combined (a time budget plans a fresh run)');
  const hasCheckpoint = await exists(join(o.out, LATEST_POINTER));
  if (o.resume && !hasCheckpoint) throw new CliError(`--resume: no checkpoint in ${o.out} (its '${LATEST_POINTER}' file is missing)`);
  if (!o.resume && hasCheckpoint) throw new CliError(`--out ${o.out} already holds checkpoints; pass --resume to continue that run, or choose another directory`);
  const dataOptions = dataOptionsOf(o);
  const data = await resolveData(o.data, entry.kind, name, m, dataOptions);
  await initBackend(o.backend ? { prefer: o.backend, strict: true } : {});
  const maxLength = o.maxLength ?? (entry.kind === 'pairs' ? 16 : 64);
  const clipSamples = Math.round(o.clipSeconds * o.sampleRate);
  const record = (config: Record<string, unknown>, steps: number, loss: number | null, tokenizer: boolean): RunMeta => {
    const shape = imageShapeOf(config);
    return {
    objective: name, kind: entry.kind, data: o.data, config,
    imageSize: shape ? [shape[0], shape[1]] : [dataOptions.imageSize[0], dataOptions.imageSize[1]], channels: shape ? (shape[2] === 1 ? 1 : 3) : dataOptions.channels,
    sampleRate: o.sampleRate, maxLength, clipSamples, tokenizer: tokenizer ? TOKENIZER_FILE : null, steps, loss,
    };
  };

  if (entry.trainer === 'word2vec') {
    if (data.kind !== 'text') throw new CliError(`word2vec needs ${KIND_WORDS.text}`);
    if (o.resume) throw new CliError('word2vec trains in one pass over the corpus and cannot --resume');
    const r = await trainWord2Vec(need(m, 'text'), data.train.texts, file.objective ?? {}, { epochs: o.epochs, seed: o.seed, vocabSize: o.vocabSize, out: o.out });
    await saveEncoder(r.encoder, o.out, { objective: name, user: { cli: record(r.config, 0, null, true) } });
    r.encoder.dispose();
    process.stdout.write(`word2vec: ${r.words} words; vectors in ${r.vectorsFile}, encoder in ${o.out}\n`);
    return;
  }

  const run = await prepareRun(m, data, file.objective ?? {}, { batchSize: o.batchSize, seed: o.seed, maxLength, vocabSize: o.vocabSize, clipSamples });
  const create = (): Objective => {
    try {
      return createObjective(name, run.config);
    } catch (e) {
      throw new CliError((e as Error).message, { cause: e });
    }
  };
  const progress: ProgressMode = o.progress ?? (process.stderr.isTTY ? 'bar' : 'none');
  const trainerOptions: TrainerOptions = {
    ...trainerConfig, seed: trainerConfig.seed || o.seed, outDir: o.out, checkpointEvery: trainerConfig.checkpointEvery ?? o.checkpointEvery, progress,
  };
  const totalSteps = o.steps ?? o.epochs * run.stepsPerEpoch;
  let objective: Objective;
  let steps: number;
  let loss: number;
  try {
    if (o.minutes !== undefined) {
      const r = await pretrainWithinBudget({ create, data: run.data, minutes: o.minutes, maxSteps: totalSteps, stepsPerEpoch: run.stepsPerEpoch, trainer: () => trainerOptions, log: (l) => process.stderr.write(`${l}\n`) });
      ({ objective, steps, finalLoss: loss } = r);
    } else {
      objective = create();
      const trainer = new Trainer(objective, trainerOptions);
      try {
        const r = await trainer.fit(run.data, { ...(o.steps !== undefined ? { steps: o.steps } : { epochs: o.epochs }), stepsPerEpoch: run.stepsPerEpoch, resume: o.resume });
        ({ step: steps, loss } = r);
      } catch (e) {
        objective.dispose();
        throw e;
      } finally {
        trainer.dispose();
      }
    }
  } finally {
    for (const t of run.owned) t.dispose();
  }
  try {
    await saveEncoder(objective.encoder, o.out, { objective: name, user: { cli: record(run.config, steps, Number.isFinite(loss) ? loss : null, run.tokenizer !== undefined) } });
    await saveObjectiveState(objective, o.out);
    if (run.tokenizer) await need(m, 'text').saveTokenizer(run.tokenizer, join(o.out, TOKENIZER_FILE));
  } finally {
    objective.dispose();
  }
  process.stdout.write(`${name}: ${steps} steps, loss ${Number.isFinite(loss) ? loss.toFixed(4) : 'n/a'}; encoder saved in ${o.out}\n`);
}

/** Help text listing the objectives reachable with the installed packages. */
function objectivesHelp(m: Modalities): string {
  const lines = objectiveCatalog(m).map((e) => `  ${e.name.padEnd(10)} ${KIND_WORDS[e.kind].padEnd(20)} ${e.description}`);
  return `\nObjectives (installed packages):\n${lines.join('\n')}\n`;
}

// Loaded at import, so that `--help` lists the objectives of the installed packages.
const installed = await loadModalities();

/** The `pretext pretrain` command. */
export function pretrainCommand(): Command {
  const m = installed;
  return new Command('pretrain')
    .description('pre-train an encoder with a self-supervised objective; saves checkpoints and the encoder in --out')
    .argument('<objective>', 'objective name (see the list below)')
    .requiredOption('--data <path|name>', 'training data: an image folder, text file/folder/JSONL/CSV, WAV folder, image folder with captions.jsonl, or a built-in set (mnist, spam, sotu, moby-dick, spoken-digits, mnist-captions)')
    .requiredOption('--out <dir>', 'run directory: checkpoints, then the encoder (model.json, weights.bin, pretext.json)')
    .option('--config <file.json>', 'JSON { "objective": {…objective config}, "trainer": {…optimizer, lr, schedule, clipNorm…} }')
    .option('--epochs <n>', 'epochs to train (counting resumed ones)', positiveInt, 10)
    .option('--steps <n>', 'train this many optimizer steps in total instead of --epochs', positiveInt)
    .option('--minutes <m>', 'time budget: time a few steps, plan the steps that fit, schedules end in time', positiveNumber)
    .option('--batch-size <n>', 'examples per batch', positiveInt, 32)
    .option('--lr <rate>', 'peak learning rate (default: the config file\'s, else 1e-3)', positiveNumber)
    .option('--seed <n>', 'seed of shuffling, augmentations and masks', positiveIntOrZero, 0)
    .option('--resume', 'continue from the last checkpoint in --out', false)
    .option('--checkpoint-every <n>', 'write a checkpoint every n steps (and at the end, and on Ctrl-C)', positiveInt, 100)
    .option('--image-size <px>', 'images: side images are resized to (folders; built-in sets keep theirs)', positiveInt, 32)
    .addOption(new Option('--channels <c>', 'images: 1 (grayscale) or 3 (RGB)').choices(['1', '3']).default('3'))
    .option('--max-length <n>', 'text: tokens per row (default 64; 16 for CLIP captions)', positiveInt)
    .option('--vocab-size <n>', 'text: word vocabulary size of the tokenizer trained on the data', positiveInt, 8000)
    .option('--clip-seconds <s>', 'audio: seconds per clip (centred, cropped or zero-padded)', positiveNumber, 1)
    .option('--sample-rate <hz>', 'audio: sample rate clips are resampled to', positiveInt, 16000)
    .addOption(new Option('--progress <mode>', 'progress output (default: a bar on a TTY, nothing otherwise)').choices(['bar', 'jsonl', 'none']))
    .option('--backend <name>', BACKEND_HELP, backendOption)
    .addHelpText('after', objectivesHelp(m))
    .action(async (name: string, o: PretrainOptions) => pretrain(name, o));
}

function positiveIntOrZero(value: string): number {
  return value === '0' ? 0 : positiveInt(value);
}
