/**
 * Training-throughput benchmark: `pnpm --filter @pretext/bench throughput [--help]`.
 *
 * Trains a ResNet-style CNN, a transformer encoder and one step of every registered objective on
 * every backend that loads (each backend × model in its own child process), writes
 * `bench/results/throughput-*.json|md` and the `throughput-latest` copies, prints the table and a
 * TARGETS PASS/FAIL line. Exits 0 unless `--check` is given and a target did not pass (or the
 * command line is wrong: 2). This file is also the child processes' entry point.
 */
import { throughputMain } from './throughput-main.js';

throughputMain(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`throughput: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    // Exit outright: a failed child may still hold wasm worker threads.
    process.exit(1);
  },
);
