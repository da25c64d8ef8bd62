import { methodLabel, SUITE_RESULT_SCHEMA, type MethodResult, type SuiteResult } from './suite-result.js';

/**
 * Joins partial results of one suite (run as several processes with `--objectives`) into one:
 * the methods in order of first appearance (a method present in several parts is taken from the
 * first and the others are reported as duplicates), every part's environment and wall time.
 * Throws when the parts are of different suites, versions, variants or evaluation settings.
 *
 * @param parts - the partial results, each with the file it came from (for the record).
 */
export function mergeSuiteResults(parts: readonly { readonly file?: string; readonly result: SuiteResult }[]): { merged: SuiteResult; duplicates: string[] } {
  const first = parts[0]?.result;
  if (!first) throw new Error('merge: no results to merge');
  for (const { file, result } of parts) {
    const where = file ?? result.suite;
    if (result.schema !== SUITE_RESULT_SCHEMA) throw new Error(`merge: ${where} is not a suite result (schema ${String(result.schema)})`);
    for (const key of ['suite', 'version', 'variant'] as const) {
      if (result[key] !== first[key]) throw new Error(`merge: ${where} has ${key} '${result[key]}', the first part '${first[key]}'`);
    }
    if (JSON.stringify(result.config.evaluation) !== JSON.stringify(first.config.evaluation)) {
      throw new Error(`merge: ${where} was evaluated with other settings (fractions, seeds, protocols) than the first part`);
    }
  }
  const methods: MethodResult[] = [];
  const duplicates: string[] = [];
  for (const { result } of parts) {
    for (const m of result.methods) {
      if (methods.some((x) => x.method === m.method && x.encoder === m.encoder)) duplicates.push(methodLabel(m));
      else methods.push(m);
    }
  }
  return {
    merged: {
      ...first,
      config: { ...first.config, objectives: first.config.objectives },
      facts: first.facts,
      methods,
      parts: parts.flatMap(({ file, result }) => result.parts.map((p) => ({ ...p, ...(file === undefined ? {} : { file }) }))),
    },
    duplicates,
  };
}
