import { join } from 'node:path';
import { createObjective, initBackend, loadObjectiveState, type BackendName } from '@pretext/core';
import { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { resolveData } from '../data/resolve-data.js';
import { loadModalities, need } from '../modalities/load-modalities.js';
import { BACKEND_HELP, backendOption } from '../options.js';
import { inputsOf } from '../run/run-inputs.js';
import { readRunMeta } from '../run/run-meta.js';

/** Options of `pretext zero-shot`. */
export interface ZeroShotOptions {
  readonly model: string;
  readonly data: string;
  readonly classes?: string;
  readonly template: string[];
  readonly json: boolean;
  readonly backend?: BackendName;
}

const DEFAULT_TEMPLATES = ['{}', 'a photo of a {}.', 'an image of {}.'];

/**
 * `pretext zero-shot`: classifies labeled images with a CLIP model saved by `pretext pretrain clip`
 * (multimodal's `zeroShotClassifier`: class prompts from templates, ensembled) and prints the accuracy.
 */
export async function zeroShot(o: ZeroShotOptions): Promise<void> {
  const { run } = await readRunMeta(o.model, '--model');
  if (run.objective !== 'clip') throw new CliError(`--model ${o.model}: zero-shot needs a CLIP model (pretext pretrain clip), this one was trained with ${run.objective}`);
  const m = await loadModalities();
  const mm = need(m, 'multimodal');
  const data = await resolveData(o.data, 'images', 'zero-shot', m, { imageSize: run.imageSize, channels: run.channels, sampleRate: run.sampleRate });
  await initBackend(o.backend ? { prefer: o.backend, strict: true } : {});
  const clip = createObjective('clip', run.config);
  try {
    await loadObjectiveState(clip, o.model).catch((e: unknown) => {
      throw new CliError(`--model ${o.model}: ${(e as Error).message}`, { cause: e });
    });
    if (!(clip instanceof mm.Clip)) throw new CliError('internal: the clip objective is not a Clip');
    const tokenizer = await need(m, 'text').loadTokenizer(join(o.model, run.tokenizer ?? 'tokenizer.json'));
    const part = data.test ?? data.train;
    const x = await inputsOf(m, data, part, run, undefined);
    try {
      if (!x.labels) throw new CliError(`--data ${o.data} has no labels (class sub-folders name the classes)`);
      const classNames = o.classes ? o.classes.split(',').map((s) => s.trim()) : [...(x.classes ?? [])];
      if (classNames.length === 0) throw new CliError('no class names: pass --classes a,b,c');
      const templates = o.template.length > 0 ? o.template : data.name === 'mnist' ? mm.MNIST_EVALUATION_TEMPLATES : DEFAULT_TEMPLATES;
      // MNIST templates name the digit as {numeral} or {word}; others put the class name at {}.
      const prompts = templates.map((t) => (/\{(numeral|word)\}/.test(t) ? mm.digitPromptTemplates([t])[0]! : t));
      const classifier = await mm.zeroShotClassifier(clip, classNames, prompts, { tokenizer, maxLength: run.maxLength });
      try {
        const accuracy = await classifier.accuracy(x.inputs, x.labels);
        if (o.json) process.stdout.write(`${JSON.stringify({ model: o.model, data: o.data, examples: x.labels.length, classes: classNames, templates, accuracy })}\n`);
        else process.stdout.write(`zero-shot accuracy on ${x.labels.length} examples of ${o.data}: ${(100 * accuracy).toFixed(1)}% (${classNames.length} classes, ${templates.length} prompt templates)\n`);
      } finally {
        classifier.dispose();
      }
    } finally {
      x.inputs.dispose();
    }
  } finally {
    clip.dispose();
  }
}

/** The `pretext zero-shot` command. */
export function zeroShotCommand(): Command {
  return new Command('zero-shot')
    .description('zero-shot classification of labeled images with a CLIP model saved by `pretext pretrain clip`')
    .requiredOption('--model <dir>', 'run directory of `pretext pretrain clip`')
    .requiredOption('--data <path|name>', 'labeled images (class sub-folders) or a built-in set (mnist: its test split)')
    .option('--classes <list>', 'class names in label order (default: the folder names)')
    .option('--template <text>', 'prompt template with {} for the class name; repeatable (default: "{}", "a photo of a {}.", "an image of {}."; MNIST: its evaluation templates)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print one JSON object', false)
    .option('--backend <name>', BACKEND_HELP, backendOption)
    .action(async (o: ZeroShotOptions) => zeroShot(o));
}
