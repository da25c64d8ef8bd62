import { readFileSync } from 'node:fs';
import type { BackendName } from '@pretext/core';
import { mergeSuiteResults } from '../report/merge-suite-results.js';
import type { SuiteResult } from '../report/suite-result.js';
import { writeSuiteResults, type WrittenSuiteResults } from '../report/write-suite-results.js';
import { suiteConfigProblems } from '../suites/suite-config.js';
import { getSuite } from '../suites/suite-registry.js';
import { runSuite } from './run-suite.js';
import { selectMethods, withSeeds } from './select-methods.js';

/** What `pretext bench <suite>` was asked to do. */
export interface SuiteCommandOptions {
  /** Suite name; optional with `merge` (taken from the files). */
  readonly suite?: string;
  /** Run the suite's quick variant. */
  readonly quick: boolean;
  /** Objectives (and/or `supervised`) to run in this process; default all. */
  readonly objectives?: readonly string[];
  /** Seeds overriding the config's. */
  readonly seeds?: readonly number[];
  /** Results folder. */
  readonly out: string;
  /** Partial result JSONs to join instead of running. */
  readonly merge?: readonly string[];
  readonly backend?: BackendName;
  /** File-name tag (default: the methods of a partial run, `merged` for a merge). */
  readonly tag?: string;
}

/**
 * `pretext bench <suite>`: runs (part of) a suite and writes JSON, Markdown, SVG and PNG, or with
 * `merge` joins partial result files into one report. Progress goes to `log`.
 */
export async function suiteCommand(o: SuiteCommandOptions, log: (line: string) => void): Promise<WrittenSuiteResults> {
  if (o.merge && o.merge.length > 0) {
    const parts = o.merge.map((file) => ({ file, result: JSON.parse(readFileSync(file, 'utf8')) as SuiteResult }));
    if (o.suite && parts.some((p) => p.result.suite !== o.suite)) throw new Error(`merge: the files are not all results of ${o.suite}`);
    const { merged, duplicates } = mergeSuiteResults(parts);
    if (duplicates.length > 0) log(`merge: kept the first of duplicated methods ${duplicates.join(', ')}`);
    return writeSuiteResults(merged, o.out, o.tag ?? 'merged');
  }
  if (!o.suite) throw new Error('name a suite (or give --merge files)');
  const suite = getSuite(o.suite);
  const config = withSeeds(o.quick ? suite.quick : suite.full, o.seeds);
  const problems = suiteConfigProblems(config);
  if (problems.length > 0) throw new Error(`${o.suite}: ${problems.join('; ')}`);
  const methods = selectMethods(config, o.objectives);
  const partial = methods.length < selectMethods(config).length;
  const result = await runSuite({ suite, config, methods, ...(o.backend ? { backend: o.backend } : {}), log });
  return writeSuiteResults(result, o.out, o.tag ?? (partial ? methods.join('+') : undefined));
}
