import { parseArgs } from 'node:util';
import { isBackendName, BACKEND_ORDER } from '@pretext/core';
import { defaultResultsDir } from '../cli-options.js';
import { SUITE_NAMES } from '../suites/suite-registry.js';
import type { SuiteCommandOptions } from './suite-command.js';

/** Usage of `pnpm --filter @pretext/bench suite` (the same options as `pretext bench <suite>`). */
export const SUITE_USAGE = `Usage: pnpm --filter @pretext/bench suite <suite> [options]

Suites: ${SUITE_NAMES.join(', ')}

  --quick             the small version (tiny data slice, 20 s budgets, seed 0): minutes, not a result
  --objectives a,b    run only these objectives (and/or 'supervised') in this process (default: all)
  --seeds 0,1,2       override the suite's seeds
  --merge a.json,b.json  join partial results instead of running
  --backend NAME      force a backend (${BACKEND_ORDER.join(', ')}); default: the best that loads
  --tag NAME          file-name tag (default: the methods of a partial run)
  --out DIR           results folder (default bench/results)
  -h, --help          this text`;

/** Parses a comma list of integers (seeds). */
export function parseSeeds(raw: string): number[] {
  const seeds = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`--seeds: expected integers ≥ 0, got '${raw}'`);
  return seeds;
}

/** Parses a comma list of names. */
export function parseList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Parses the suite command line; `help` when `-h` was given. */
export function parseSuiteArgs(argv: readonly string[]): SuiteCommandOptions & { readonly help: boolean } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      objectives: { type: 'string' },
      seeds: { type: 'string' },
      merge: { type: 'string' },
      backend: { type: 'string' },
      tag: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.backend !== undefined && !isBackendName(values.backend)) throw new Error(`--backend: use one of ${BACKEND_ORDER.join(', ')}`);
  return {
    ...(positionals[0] === undefined ? {} : { suite: positionals[0] }),
    quick: values.quick,
    ...(values.objectives === undefined ? {} : { objectives: parseList(values.objectives) }),
    ...(values.seeds === undefined ? {} : { seeds: parseSeeds(values.seeds) }),
    ...(values.merge === undefined ? {} : { merge: parseList(values.merge) }),
    ...(values.backend !== undefined && isBackendName(values.backend) ? { backend: values.backend } : {}),
    ...(values.tag === undefined ? {} : { tag: values.tag }),
    out: values.out ?? defaultResultsDir(),
    help: values.help,
  };
}
