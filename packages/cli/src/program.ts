import { BACKEND_ORDER, isBackendName } from '@pretext/core';
import { Command, InvalidArgumentError } from 'commander';
import { doctor } from './commands/doctor.js';

function backendOption(value: string) {
  if (!isBackendName(value)) throw new InvalidArgumentError(`use one of ${BACKEND_ORDER.join(', ')}`);
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** Builds the `pretext` command line. */
export function buildProgram(): Command {
  const program = new Command('pretext')
    .description('Self-supervised pre-training, probing and benchmarks for TensorFlow.js')
    .showHelpAfterError();
  program
    .command('doctor')
    .description('report the tensor backend Pretext picks here (and why others were skipped), then run a short training check')
    .option('--backend <name>', `force a backend (${BACKEND_ORDER.join('|')}); default: the best that loads`, backendOption)
    .option('--steps <n>', 'training-check steps', positiveInt, 12)
    .option('--json', 'print one JSON object instead of text', false)
    .action(async (o: { backend?: (typeof BACKEND_ORDER)[number]; steps: number; json: boolean }) => {
      process.exitCode = await doctor(o);
    });
  return program;
}
