import { initBackend, labelEfficiency, labelEfficiencyTable, stratifiedSplit, tf, type BackendName, type EvalProtocol } from '@pretext/core';
import { Command, InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import type { DataKind } from '../data/data-kind.js';
import { resolveData } from '../data/resolve-data.js';
import { loadModalities } from '../modalities/load-modalities.js';
import { BACKEND_HELP, backendOption, fractionList, intList, positiveInt, positiveNumber } from '../options.js';
import { inputsOf, loadRunEncoder, type ExampleInputs } from '../run/run-inputs.js';
import { readRunMeta, type RunMeta } from '../run/run-meta.js';

const PROTOCOLS: Readonly<Record<string, EvalProtocol>> = { knn: 'knn', linear: 'linear-probe', finetune: 'fine-tune', supervised: 'supervised' };

/** Commander parser of `--protocol knn,linear,finetune,supervised`. */
function protocolList(value: string): EvalProtocol[] {
  return value.split(',').map((p) => {
    const hit = PROTOCOLS[p.trim()];
    if (!hit) throw new InvalidArgumentError(`use knn, linear, finetune or supervised (comma-separated), got '${p}'`);
    return hit;
  });
}

/** Options of `pretext probe`. */
export interface ProbeOptions {
  readonly encoder: string;
  readonly labeled: string;
  readonly fractions: number[];
  readonly protocol: EvalProtocol[];
  readonly seeds: number[];
  readonly testFraction: number;
  readonly k: number;
  readonly json: boolean;
  readonly backend?: BackendName;
}

/** The data kind an encoder of a run takes (CLIP's encoder is its image tower). */
export function encoderInputKind(run: RunMeta): DataKind {
  return run.kind === 'pairs' ? 'images' : run.kind;
}

function pick(x: ExampleInputs, idx: number[]): { inputs: tf.Tensor; labels: Int32Array } {
  return { inputs: tf.gather(x.inputs, idx), labels: Int32Array.from(idx, (i) => x.labels![i]!) };
}

/**
 * `pretext probe`: a label-efficiency study of a saved encoder (core's `labelEfficiency`): for each
 * label fraction, kNN / linear probe / fine-tuning on a stratified labeled subset, evaluated on the
 * data set's test split (built-in sets) or a stratified hold-out (`--test-fraction`).
 */
export async function probe(o: ProbeOptions): Promise<void> {
  const { run } = await readRunMeta(o.encoder);
  const m = await loadModalities();
  const data = await resolveData(o.labeled, encoderInputKind(run), `the ${run.objective} encoder`, m, { imageSize: run.imageSize, channels: run.channels, sampleRate: run.sampleRate }, '--labeled');
  await initBackend(o.backend ? { prefer: o.backend, strict: true } : {});
  const { encoder, tokenizer } = await loadRunEncoder(m, o.encoder, run);
  const owned: tf.Tensor[] = [];
  try {
    const all = await inputsOf(m, data, data.train, run, tokenizer);
    owned.push(all.inputs);
    if (!all.labels) throw new CliError(`--labeled ${o.labeled} has no labels (use class sub-folders, or a 'label' field / column)`);
    let train: { inputs: tf.Tensor; labels: Int32Array };
    let test: { inputs: tf.Tensor; labels: Int32Array };
    if (data.test) {
      const t = await inputsOf(m, data, data.test, run, tokenizer);
      owned.push(t.inputs);
      train = { inputs: all.inputs, labels: all.labels };
      test = { inputs: t.inputs, labels: t.labels! };
    } else {
      const split = stratifiedSplit(all.labels, o.testFraction, 0);
      train = pick(all, split.train);
      test = pick(all, split.val);
      owned.push(train.inputs, test.inputs);
    }
    const report = await labelEfficiency({
      train, test, encoder, fractions: o.fractions, seeds: o.seeds, protocols: o.protocol, knn: { k: o.k },
      onResult: (r) => {
        if (!o.json && process.stderr.isTTY) process.stderr.write(`  ${r.protocol} ${+(r.fraction * 100).toFixed(2)}% seed ${r.seed}: ${(100 * r.accuracy).toFixed(1)}%\n`);
      },
    });
    if (o.json) {
      process.stdout.write(`${JSON.stringify({ encoder: o.encoder, objective: run.objective, labeled: o.labeled, trainSize: train.labels.length, testSize: test.labels.length, ...report })}\n`);
    } else {
      process.stdout.write(`test accuracy (%) of ${run.objective} on ${o.labeled}: ${train.labels.length} train / ${test.labels.length} test\n\n`);
      process.stdout.write(`${labelEfficiencyTable([{ name: run.objective, summary: report.summary }])}\n`);
    }
  } finally {
    tf.dispose(owned);
    encoder.dispose();
  }
}

/** The `pretext probe` command. */
export function probeCommand(): Command {
  return new Command('probe')
    .description('label-efficiency study of a saved encoder: kNN / linear probe / fine-tuning at several label fractions')
    .requiredOption('--encoder <dir>', 'an encoder saved by `pretext pretrain` (its --out)')
    .requiredOption('--labeled <path|name>', 'labeled data of the encoder\'s kind (class sub-folders, a label field/column, or a built-in set)')
    .option('--fractions <list>', 'label fractions', fractionList, [0.01, 0.1, 1])
    .option('--protocol <list>', 'knn, linear, finetune, supervised (comma-separated)', protocolList, ['knn', 'linear-probe'] as EvalProtocol[])
    .option('--seeds <list>', 'seeds: each draws its own labeled subsets', intList, [0])
    .option('--test-fraction <f>', 'hold-out share when the data has no test split', positiveNumber, 0.2)
    .option('-k, --k <n>', 'neighbours of the kNN classifier', positiveInt, 20)
    .option('--json', 'print one JSON object (rows and summary) instead of a table', false)
    .option('--backend <name>', BACKEND_HELP, backendOption)
    .action(async (o: ProbeOptions) => probe(o));
}
