import { BACKEND_ORDER, isBackendName } from '@pretext/core';
import { defaultResultsDir, logLine, parseList, parseSeeds, suiteCommand, SUITE_NAMES, throughputMain } from '@pretext/bench';
import { Command, InvalidArgumentError } from 'commander';

/** Options of `pretext bench`. */
interface BenchOptions {
  readonly quick: boolean;
  readonly objectives?: string[];
  readonly seeds?: number[];
  readonly out?: string;
  readonly merge?: string[];
  readonly backend?: string;
  readonly tag?: string;
  readonly backends?: string;
  readonly models?: string;
  readonly steps?: string;
  readonly warmup?: string;
  readonly batch?: string;
  readonly check: boolean;
}

const list = (v: string): string[] => parseList(v);
const seeds = (v: string): number[] => {
  try {
    return parseSeeds(v);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
};

/** The throughput harness's arguments for the options given on `pretext bench throughput`. */
function throughputArgs(o: BenchOptions): string[] {
  const args: string[] = [];
  const pairs: [string, string | undefined][] = [
    ['--backends', o.backends], ['--models', o.models], ['--steps', o.steps], ['--warmup', o.warmup], ['--batch', o.batch], ['--out', o.out],
  ];
  for (const [flag, v] of pairs) if (v !== undefined) args.push(flag, v);
  if (o.check) args.push('--check');
  return args;
}

/**
 * `pretext bench <suite|throughput>`: a label-efficiency suite (pre-train every objective within
 * its budget, evaluate kNN / linear probe / fine-tune at 1–100 % labels over seeds against the
 * supervised-only baseline; JSON, Markdown, SVG and PNG), the merge of partial suite results, or
 * the training-throughput benchmark of every backend and objective.
 */
export function benchCommand(): Command {
  return new Command('bench')
    .description('run a label-efficiency suite or the training-throughput benchmark; results go to bench/results')
    .argument('<target>', `${SUITE_NAMES.join(' | ')} | throughput (with --merge: the suite, or 'merge')`)
    .option('--quick', 'the small version of a suite: tiny data slice, 20 s budgets, seed 0 (minutes; a smoke run, not a result)', false)
    .option('--objectives <list>', "objectives (and/or 'supervised') to run in this process, comma-separated (default: all of the suite)", list)
    .option('--seeds <list>', "seeds, comma-separated (default: the suite's, 0,1,2)", seeds)
    .option('--merge <files>', 'join partial suite results (JSON files, comma-separated) into one report instead of running', list)
    .option('--out <dir>', `results folder (default: ${defaultResultsDir()})`)
    .option('--backend <name>', `suites: force a backend (${BACKEND_ORDER.join('|')}); default: the best that loads`)
    .option('--tag <name>', 'suites: file-name tag (default: the methods of a partial run, "merged" for a merge)')
    .option('--backends <list>', 'throughput: backends to try (default: every one except cpu)')
    .option('--models <list>', 'throughput: cnn, transformer and objective names (default: all)')
    .option('--steps <n>', 'throughput: measured steps per model (default 20)')
    .option('--warmup <n>', 'throughput: untimed warm-up steps (default 3)')
    .option('--batch <n>', 'throughput: batch for every model (default: per model)')
    .option('--check', 'throughput: exit 1 unless the targets pass', false)
    .action(async (target: string, o: BenchOptions) => {
      if (target === 'throughput') {
        process.exitCode = await throughputMain(throughputArgs(o));
        return;
      }
      if (o.backend !== undefined && !isBackendName(o.backend)) throw new InvalidArgumentError(`--backend: use one of ${BACKEND_ORDER.join(', ')}`);
      const written = await suiteCommand(
        {
          ...(target === 'merge' ? {} : { suite: target }),
          quick: o.quick,
          ...(o.objectives ? { objectives: o.objectives } : {}),
          ...(o.seeds ? { seeds: o.seeds } : {}),
          ...(o.merge ? { merge: o.merge } : {}),
          ...(o.backend !== undefined && isBackendName(o.backend) ? { backend: o.backend } : {}),
          ...(o.tag ? { tag: o.tag } : {}),
          out: o.out ?? defaultResultsDir(),
        },
        logLine,
      );
      process.stdout.write(`${Object.values(written).join('\n')}\n`);
    });
}
