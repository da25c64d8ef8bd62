/**
 * Training-throughput benchmark: `pnpm --filter @pretext/bench throughput [--help]`.
 *
 * Trains a ResNet-style CNN and a transformer encoder on every backend that loads (each backend ×
 * model in its own child process), writes `bench/results/throughput-*.json|md` and the
 * `throughput-latest` copies, prints the table and a TARGETS PASS/FAIL line. Exits 0 unless
 * `--check` is given and a target did not pass (or the command line is wrong: 2).
 */
import { childMain } from './child-process.js';
import { parseThroughputArgs, USAGE, type ThroughputCliOptions } from './cli-options.js';
import { renderMarkdown } from './markdown-report.js';
import { runThroughput } from './run-throughput.js';
import { writeResults } from './write-results.js';

async function main(argv: readonly string[]): Promise<number> {
  let o: ThroughputCliOptions;
  try {
    o = parseThroughputArgs(argv);
  } catch (e) {
    process.stderr.write(`throughput: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}\n`);
    return 2;
  }
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (o.child) {
    await childMain(o);
    // wasm worker threads would keep the child alive: its record is written (synchronously), so end it.
    process.exit(0);
  }
  const report = await runThroughput(o, (line) => process.stderr.write(`${line}\n`));
  const written = writeResults(report, o.outDir);
  process.stderr.write(`results: ${written.json}\n         ${written.markdown}\n\n`);
  // The Markdown ends with the TARGETS PASS/FAIL line.
  process.stdout.write(`${renderMarkdown(report)}\n`);
  return o.check && !report.targets.pass ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`throughput: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    // Exit outright: a failed child may still hold wasm worker threads.
    process.exit(1);
  },
);
