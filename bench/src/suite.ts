/**
 * Label-efficiency suites: `pnpm --filter @pretext/bench suite <suite> [--quick] [--objectives a,b]
 * [--seeds 0,1,2] [--merge a.json,b.json] [--out DIR]` (also `pnpm pretext bench <suite>`).
 */
import { logLine } from './suite-runner/log-line.js';
import { suiteCommand } from './suite-runner/suite-command.js';
import { parseSuiteArgs, SUITE_USAGE } from './suite-runner/suite-cli-options.js';

async function main(argv: readonly string[]): Promise<number> {
  const o = parseSuiteArgs(argv);
  if (o.help) {
    process.stdout.write(`${SUITE_USAGE}\n`);
    return 0;
  }
  const written = await suiteCommand(o, logLine);
  process.stdout.write(`${Object.values(written).join('\n')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`suite: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
