import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createObjective,
  getObjectiveInfo,
  getObjectiveSchema,
  hasObjective,
  listObjectives,
  registerObjective,
  unregisterObjective,
  type Objective,
} from '../../src/objective/index.js';

/** A minimal objective for the registry (never trained, so its tensors are not needed). */
function fake(name: string, config: Record<string, unknown>): Objective & { disposed: boolean } {
  return {
    name,
    disposed: false,
    encoder: undefined as never,
    trainableVariables: () => [],
    loss: () => {
      throw new Error('not trained');
    },
    getConfig: () => config,
    dispose() {
      this.disposed = true;
    },
  };
}

const schema = z.strictObject({
  temperature: z.number().positive().default(0.5),
  projectionDim: z.number().int().min(1).default(128),
});

const registered: string[] = [];
function register(name: string, options?: { replace?: boolean }, create = (c: z.output<typeof schema>) => fake(name, c)): void {
  registerObjective(name, { schema, create, description: `test ${name}` }, options);
  registered.push(name);
}

afterEach(() => {
  for (const n of registered.splice(0)) unregisterObjective(n);
});

describe('objective registry', () => {
  it('builds an objective by name from JSON, filling defaults', () => {
    register('reg-a');
    const o = createObjective('reg-a', { temperature: 0.1 });
    expect(o.name).toBe('reg-a');
    expect(o.getConfig()).toEqual({ temperature: 0.1, projectionDim: 128 });
    expect(createObjective('reg-a').getConfig()).toEqual({ temperature: 0.5, projectionDim: 128 });
    expect(listObjectives()).toContain('reg-a');
    expect(hasObjective('reg-a')).toBe(true);
    expect(getObjectiveSchema('reg-a')).toBe(schema);
    expect(getObjectiveInfo('reg-a')).toEqual({ name: 'reg-a', description: 'test reg-a', schema });
  });

  it('lists objectives sorted', () => {
    register('reg-z');
    register('reg-b');
    const names = listObjectives();
    expect(names.indexOf('reg-b')).toBeLessThan(names.indexOf('reg-z'));
    expect([...names].sort()).toEqual(names);
  });

  it('rejects an invalid config with an error naming the objective and every bad field', () => {
    register('reg-c');
    expect(() => createObjective('reg-c', { temperature: -1, projectionDim: 2.5 })).toThrowError(
      /createObjective\('reg-c'\): invalid config:\n {2}- temperature: .*\n {2}- projectionDim: /,
    );
    expect(() => createObjective('reg-c', { temprature: 0.1 })).toThrowError(/reg-c.*\n.*temprature/);
    expect(() => createObjective('reg-c', 'not an object')).toThrowError(/reg-c.*invalid config/);
  });

  it('names the registered objectives when the name is unknown', () => {
    register('reg-d');
    register('reg-e');
    const err = (() => {
      try {
        createObjective('reg-nope', {});
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err?.message).toMatch(/unknown objective 'reg-nope'; registered objectives: .*reg-d, reg-e/);
    expect(() => getObjectiveSchema('reg-nope')).toThrowError(/unknown objective 'reg-nope'.*reg-d/);
  });

  it('throws on a duplicate name unless replace is set', () => {
    register('reg-f');
    expect(() => register('reg-f')).toThrowError(/'reg-f' is already registered; pass \{ replace: true \}/);
    register('reg-f', { replace: true }, (c) => fake('reg-f', { ...c, replaced: true }));
    expect(createObjective('reg-f').getConfig()).toMatchObject({ replaced: true });
  });

  it('validates the definition and the name', () => {
    expect(() => registerObjective('has space', { schema, create: (c) => fake('x', c) })).toThrowError(/invalid name "has space"/);
    expect(() => registerObjective('reg-g', { schema: {} as never, create: (c) => fake('x', c) })).toThrowError(/schema must be a zod schema/);
    expect(() => registerObjective('reg-g', { schema, create: 1 as never })).toThrowError(/create must be a function/);
    expect(hasObjective('reg-g')).toBe(false);
  });

  it('refuses (and disposes) an objective whose name is not the registered one', () => {
    let built: ReturnType<typeof fake> | undefined;
    register('reg-h', undefined, (c) => (built = fake('other', c)));
    expect(() => createObjective('reg-h')).toThrowError(/factory returned an objective named 'other'/);
    expect(built?.disposed).toBe(true);
  });

  it('unregisters', () => {
    register('reg-i');
    expect(unregisterObjective('reg-i')).toBe(true);
    expect(unregisterObjective('reg-i')).toBe(false);
    expect(() => createObjective('reg-i')).toThrowError(/unknown objective/);
  });
});
