import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { Objective, ObjectiveConfig } from '../objective/objective.js';
import { ModelIOError } from './model-io-error.js';
import { objectiveVariables, STATE_GROUPS, type StateGroup, type StateVariable } from './objective-variables.js';
import { PRETEXT_VERSION } from './pretext-version.js';
import { readTensorBundle, writeTensorBundle } from './tensor-bundle.js';

/** Name of the tensor bundle that {@link saveObjectiveState} writes in its directory. */
export const OBJECTIVE_STATE_FILE = 'objective-state.ptb';

/** Options of {@link loadObjectiveState}. */
export interface LoadObjectiveStateOptions {
  /**
   * How saved values find their variables. `'name'`: by variable name, which must match exactly.
   * `'order'`: by position within each group (tfjs makes names unique per process, so an
   * objective rebuilt in a process that already built one gets suffixed names such as
   * `dense_Dense2/kernel` or `enc/kernel_1`). `'auto'` (default): by name when every name matches,
   * else by order. Shapes and dtypes are checked either way.
   */
  readonly match?: 'auto' | 'name' | 'order';
}

/** What {@link loadObjectiveState} restored. */
export interface LoadedObjectiveState {
  /** The config the saved objective was built from (`createObjective(name, config)` rebuilds it). */
  readonly config: ObjectiveConfig;
  /** Whether it equals the receiving objective's `getConfig()` (as JSON). */
  readonly configMatches: boolean;
  /** How values were matched to variables. */
  readonly matchedBy: 'name' | 'order';
  /** Number of variables assigned. */
  readonly variables: number;
}

const metaSchema = z.object({
  format: z.literal('pretext-objective-state'),
  formatVersion: z.literal(1),
  objective: z.string(),
  config: z.record(z.string(), z.unknown()),
  groups: z.object({ trainable: z.array(z.string()), state: z.array(z.string()), encoderState: z.array(z.string()) }),
});

/**
 * Saves an objective's config and every variable of its state (trainable variables, state
 * variables and the encoder's non-trainable weights), by name, to `dir/objective-state.ptb`: one
 * checksummed tensor bundle, written atomically. Values are read with `await t.data()`.
 *
 * @param objective The objective to save.
 * @param dir Directory, created if needed.
 * @returns The path of the bundle written.
 */
export async function saveObjectiveState(objective: Objective, dir: string): Promise<string> {
  const file = join(dir, OBJECTIVE_STATE_FILE);
  const groups = objectiveVariables(objective);
  const tensors: Record<string, tf.Tensor> = {};
  for (const g of STATE_GROUPS) for (const v of groups[g]) tensors[v.name] = v.value;
  const meta = {
    format: 'pretext-objective-state',
    formatVersion: 1,
    pretextVersion: PRETEXT_VERSION,
    objective: objective.name,
    config: objective.getConfig(),
    groups: Object.fromEntries(STATE_GROUPS.map((g) => [g, groups[g].map((v) => v.name)])),
  };
  await mkdir(dir, { recursive: true });
  await writeTensorBundle(file, { meta, tensors });
  return file;
}

/**
 * Restores state saved by {@link saveObjectiveState} into `objective`. Everything is checked
 * before any variable is assigned: the objective name, which saved value goes to which variable
 * (see {@link LoadObjectiveStateOptions.match}), and every shape and dtype; a mismatch throws a
 * {@link ModelIOError} naming the file and listing the offending variables, leaving the objective
 * unchanged.
 */
export async function loadObjectiveState(
  objective: Objective,
  dir: string,
  options: LoadObjectiveStateOptions = {},
): Promise<LoadedObjectiveState> {
  const file = join(dir, OBJECTIVE_STATE_FILE);
  const bundle = await readTensorBundle(file);
  try {
    const fail = (problem: string): ModelIOError => new ModelIOError(file, `cannot load objective state ${file}: ${problem}`);
    const parsed = metaSchema.safeParse(bundle.meta);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw fail(`its metadata is not objective state (${issue.path.join('.') || '(root)'}: ${issue.message})`);
    }
    const meta = parsed.data;
    if (meta.objective !== objective.name) throw fail(`it was saved from objective '${meta.objective}', not '${objective.name}'`);
    for (const g of STATE_GROUPS) {
      for (const name of meta.groups[g]) if (!(name in bundle.tensors)) throw fail(`variable '${name}' is listed but has no tensor`);
    }
    const targets = objectiveVariables(objective);
    const plan = matchVariables(meta.groups, targets, options.match ?? 'auto');
    if (typeof plan === 'string') throw fail(plan);
    const problems: string[] = [];
    for (const [saved, target] of plan.pairs) {
      const t = bundle.tensors[saved]!;
      if (t.dtype !== target.value.dtype || t.shape.join() !== target.value.shape.join()) {
        problems.push(`'${saved}' is ${t.dtype}[${t.shape.join(', ')}] but '${target.name}' is ${target.value.dtype}[${target.value.shape.join(', ')}]`);
      }
    }
    if (problems.length > 0) throw fail(`shape or dtype mismatch: ${summarize(problems)}`);
    for (const [saved, target] of plan.pairs) target.assign(bundle.tensors[saved]!);
    return {
      config: meta.config,
      configMatches: JSON.stringify(meta.config) === JSON.stringify(objective.getConfig()),
      matchedBy: plan.by,
      variables: plan.pairs.length,
    };
  } finally {
    for (const t of Object.values(bundle.tensors)) t.dispose();
  }
}

type Plan = { by: 'name' | 'order'; pairs: [string, StateVariable][] };

/** Pairs saved names with target variables, or explains why they cannot be paired. */
function matchVariables(
  saved: Record<StateGroup, string[]>,
  targets: Record<StateGroup, StateVariable[]>,
  match: 'auto' | 'name' | 'order',
): Plan | string {
  const nameProblems: string[] = [];
  const countProblems: string[] = [];
  for (const g of STATE_GROUPS) {
    const have = new Set(targets[g].map((v) => v.name));
    const want = new Set(saved[g]);
    for (const n of saved[g]) if (!have.has(n)) nameProblems.push(`${g} variable '${n}' is saved but the objective has none by that name`);
    for (const n of have) if (!want.has(n)) nameProblems.push(`${g} variable '${n}' of the objective is not in the file`);
    if (saved[g].length !== targets[g].length) {
      countProblems.push(`the file has ${saved[g].length} ${g} variables, the objective ${targets[g].length}`);
    }
  }
  if (match === 'name' || (match === 'auto' && nameProblems.length === 0)) {
    if (nameProblems.length > 0) return `variable names differ: ${summarize(nameProblems)}`;
    const byName = new Map(STATE_GROUPS.flatMap((g) => targets[g].map((v) => [v.name, v] as const)));
    return { by: 'name', pairs: STATE_GROUPS.flatMap((g) => saved[g].map((n) => [n, byName.get(n)!] as [string, StateVariable])) };
  }
  if (countProblems.length > 0) {
    const names = nameProblems.length > 0 ? `; by name: ${summarize(nameProblems)}` : '';
    return `variables do not correspond: ${countProblems.join('; ')}${names}`;
  }
  return { by: 'order', pairs: STATE_GROUPS.flatMap((g) => saved[g].map((n, i) => [n, targets[g][i]!] as [string, StateVariable])) };
}

function summarize(problems: string[]): string {
  const shown = problems.slice(0, 8).join('; ');
  return problems.length > 8 ? `${shown}; and ${problems.length - 8} more` : shown;
}
