import { Command } from 'commander';
import { benchCommand } from './commands/bench.js';
import { dataCommand } from './commands/data.js';
import { doctor } from './commands/doctor.js';
import { embedCommand } from './commands/embed.js';
import { pretrainCommand } from './commands/pretrain.js';
import { probeCommand } from './commands/probe.js';
import { zeroShotCommand } from './commands/zero-shot.js';
import { BACKEND_HELP, backendOption, positiveInt } from './options.js';
import type { BackendName } from '@pretext/core';

/** Builds the `pretext` command line. */
export function buildProgram(): Command {
  const program = new Command('pretext')
    .description('Self-supervised pre-training, probing and benchmarks for TensorFlow.js')
    .showHelpAfterError();
  program.addCommand(pretrainCommand());
  program.addCommand(probeCommand());
  program.addCommand(embedCommand());
  program.addCommand(zeroShotCommand());
  program.addCommand(dataCommand());
  program.addCommand(benchCommand());
  program
    .command('doctor')
    .description('report the tensor backend Pretext picks here (and why others were skipped), then run a short training check')
    .option('--backend <name>', BACKEND_HELP, backendOption)
    .option('--steps <n>', 'training-check steps', positiveInt, 12)
    .option('--json', 'print one JSON object instead of text', false)
    .action(async (o: { backend?: BackendName; steps: number; json: boolean }) => {
      process.exitCode = await doctor(o);
    });
  return program;
}
