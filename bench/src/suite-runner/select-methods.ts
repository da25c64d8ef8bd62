import { SUPERVISED, type SuiteConfig } from '../suites/suite-config.js';

/**
 * The methods a run does: every objective of the suite plus `supervised` by default, else the
 * named ones (in the suite's order). Throws on a name the suite does not have.
 */
export function selectMethods(config: SuiteConfig<object>, names?: readonly string[]): string[] {
  const all = [...config.objectives.map((o) => o.objective), SUPERVISED];
  if (names === undefined || names.length === 0) return all;
  for (const n of names) if (!all.includes(n)) throw new Error(`--objectives: '${n}' is not in ${config.suite}; use ${all.join(', ')}`);
  return all.filter((m) => names.includes(m));
}

/** The config with other seeds (validated by the caller). */
export function withSeeds<D extends object>(config: SuiteConfig<D>, seeds: readonly number[] | undefined): SuiteConfig<D> {
  return seeds === undefined ? config : { ...config, evaluation: { ...config.evaluation, seeds } };
}
