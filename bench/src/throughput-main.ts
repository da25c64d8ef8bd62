import { childMain } from './child-process.js';
import { parseThroughputArgs, USAGE, type ThroughputCliOptions } from './cli-options.js';
import { renderMarkdown } from './markdown-report.js';
import { runThroughput } from './run-throughput.js';
import { writeResults } from './write-results.js';

/**
 * The throughput benchmark's command line (`pnpm --filter @pretext/bench throughput`, `pretext
 * bench throughput`): parses `argv`, runs every backend × model in child processes, writes the
 * results and prints the table. Resolves to the exit code (2: bad command line; 1: `--check`
 * failed). In a child (`--child`) it runs one cell and exits the process.
 */
export async function throughputMain(argv: readonly string[]): Promise<number> {
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
