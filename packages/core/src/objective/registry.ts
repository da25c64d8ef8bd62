import type { z } from 'zod';
import type { Objective } from './objective.js';

/**
 * How to build one kind of objective from JSON: a zod schema that validates the config (and fills
 * its defaults) and a factory that receives the validated config.
 *
 * @typeParam S - the zod schema; `create` receives its output type.
 */
export interface ObjectiveDefinition<S extends z.ZodType = z.ZodType> {
  /** Validates the JSON config given to {@link createObjective}; its output is what `create` receives. */
  readonly schema: S;
  /** Builds the objective. The returned objective's `name` must be the registered name. */
  readonly create: (config: z.output<S>) => Objective;
  /** One line for `pretext objectives` and error messages, e.g. `"SimCLR (Chen et al. 2020)"`. */
  readonly description?: string;
}

/** Options of {@link registerObjective}. */
export interface RegisterObjectiveOptions {
  /** Replace an objective already registered under this name instead of throwing. */
  readonly replace?: boolean;
}

/** What the registry knows about a registered objective. */
export interface ObjectiveInfo {
  readonly name: string;
  readonly description: string | undefined;
  readonly schema: z.ZodType;
}

interface Entry {
  readonly schema: z.ZodType;
  readonly create: (config: unknown) => Objective;
  readonly description: string | undefined;
}

// One registry per process, even when several copies of @pretext/core are loaded (a package built
// against dist next to the CLI running from src): objectives registered by one are seen by all.
const REGISTRY_KEY = Symbol.for('@pretext/core/objective-registry');
const registry: Map<string, Entry> = ((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] as
  | Map<string, Entry>
  | undefined) ?? new Map<string, Entry>();
(globalThis as Record<symbol, unknown>)[REGISTRY_KEY] = registry;

const NAME_PATTERN = /^[A-Za-z0-9@][\w.\-/@]*$/;

/**
 * Registers an objective under `name` so that the CLI and other packages can build it from JSON
 * with {@link createObjective}.
 *
 * @example
 * ```ts
 * registerObjective('simclr', {
 *   schema: z.strictObject({ temperature: z.number().positive().default(0.5) }),
 *   create: (config) => new SimClr(config),
 *   description: 'SimCLR (Chen et al. 2020)',
 * });
 * ```
 * @throws Error when `name` is not a valid name (letters, digits, `_ . - / @`, no spaces), when
 *   `schema` or `create` is missing, or when `name` is already registered and `replace` is not set.
 */
export function registerObjective<S extends z.ZodType>(
  name: string,
  definition: ObjectiveDefinition<S>,
  options: RegisterObjectiveOptions = {},
): void {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new Error(
      `registerObjective: invalid name ${JSON.stringify(name)}; use letters, digits and _ . - / @ (no spaces)`,
    );
  }
  const schema: unknown = definition?.schema;
  if (typeof schema !== 'object' || schema === null || typeof (schema as z.ZodType).safeParse !== 'function') {
    throw new Error(`registerObjective('${name}'): schema must be a zod schema`);
  }
  if (typeof definition.create !== 'function') {
    throw new Error(`registerObjective('${name}'): create must be a function (config) => Objective`);
  }
  if (registry.has(name) && !options.replace) {
    throw new Error(
      `registerObjective: an objective named '${name}' is already registered; pass { replace: true } to replace it`,
    );
  }
  registry.set(name, {
    schema: definition.schema,
    // The schema's output is exactly what `create` accepts; the map stores entries type-erased.
    create: definition.create as (config: unknown) => Objective,
    description: definition.description,
  });
}

/**
 * Removes a registered objective. Returns whether one was registered under `name`.
 * Meant for tests and hot reloading; packages register once at import.
 */
export function unregisterObjective(name: string): boolean {
  return registry.delete(name);
}

/**
 * Builds the objective registered under `name` from a JSON config, validated by its schema
 * (`undefined` means `{}`, so that defaults apply).
 *
 * @example
 * ```ts
 * const objective = createObjective('simclr', JSON.parse(await readFile('simclr.json', 'utf8')));
 * ```
 * @throws Error listing the registered objectives when `name` is unknown; an error naming the
 *   objective and every bad field when the config is invalid; an error when the factory returns an
 *   objective with another name.
 */
export function createObjective(name: string, config?: unknown): Objective {
  const entry = lookup(name, 'createObjective');
  const parsed = entry.schema.safeParse(config === undefined ? {} : config);
  if (!parsed.success) {
    throw new Error(`createObjective('${name}'): invalid config:\n${formatIssues(parsed.error.issues)}`);
  }
  const objective = entry.create(parsed.data);
  if (objective.name !== name) {
    objective.dispose();
    throw new Error(
      `createObjective('${name}'): the factory returned an objective named '${objective.name}'; ` +
        'an objective must carry its registered name so that checkpoints can rebuild it',
    );
  }
  return objective;
}

/** Names of the registered objectives, sorted. */
export function listObjectives(): string[] {
  return [...registry.keys()].sort();
}

/** Whether an objective is registered under `name`. */
export function hasObjective(name: string): boolean {
  return registry.has(name);
}

/**
 * The zod schema of a registered objective's config (for `--help` output, JSON Schema export with
 * `z.toJSONSchema`, or validating a config file before a run).
 * @throws Error listing the registered objectives when `name` is unknown.
 */
export function getObjectiveSchema(name: string): z.ZodType {
  return lookup(name, 'getObjectiveSchema').schema;
}

/**
 * Name, description and schema of a registered objective.
 * @throws Error listing the registered objectives when `name` is unknown.
 */
export function getObjectiveInfo(name: string): ObjectiveInfo {
  const e = lookup(name, 'getObjectiveInfo');
  return { name, description: e.description, schema: e.schema };
}

function lookup(name: string, fn: string): Entry {
  const entry = registry.get(name);
  if (!entry) {
    const known = listObjectives();
    throw new Error(
      `${fn}: unknown objective '${String(name)}'; ` +
        (known.length
          ? `registered objectives: ${known.join(', ')}`
          : 'no objective is registered (import a modality package such as @pretext/vision)'),
    );
  }
  return entry;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const path = i.path.length ? i.path.map(String).join('.') : '(config)';
      return `  - ${path}: ${i.message}`;
    })
    .join('\n');
}
