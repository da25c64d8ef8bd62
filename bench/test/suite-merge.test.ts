import { describe, expect, it } from 'vitest';
import { mergeSuiteResults } from '../src/report/merge-suite-results.js';
import { defaultMethods, fixtureResult } from './helpers/suite-result-fixture.js';

describe('mergeSuiteResults', () => {
  const [simclr, mae, supResnet, supVit] = defaultMethods();

  it('joins the methods and the parts of separate processes', () => {
    const a = fixtureResult([simclr!]);
    const b = fixtureResult([mae!, supResnet!, supVit!]);
    const { merged, duplicates } = mergeSuiteResults([{ file: 'a.json', result: a }, { file: 'b.json', result: b }]);
    expect(merged.methods.map((m) => `${m.method}/${m.encoder}`)).toEqual(['simclr/resnet', 'mae/vit', 'supervised/resnet', 'supervised/vit']);
    expect(merged.parts.map((p) => p.file)).toEqual(['a.json', 'b.json']);
    expect(duplicates).toEqual([]);
  });

  it('keeps the first of a duplicated method and reports it', () => {
    const { merged, duplicates } = mergeSuiteResults([{ result: fixtureResult([simclr!]) }, { result: fixtureResult([simclr!, supResnet!]) }]);
    expect(merged.methods).toHaveLength(2);
    expect(duplicates).toEqual(['simclr (resnet)']);
  });

  it('refuses parts of other suites, versions or evaluation settings', () => {
    const a = fixtureResult([simclr!]);
    expect(() => mergeSuiteResults([{ result: a }, { file: 'b.json', result: { ...a, version: '9.9.9' } }])).toThrow(/b\.json has version '9\.9\.9'/);
    const otherSeeds = { ...a, config: { ...a.config, evaluation: { ...a.config.evaluation, seeds: [7, 8, 9] } } };
    expect(() => mergeSuiteResults([{ result: a }, { result: otherSeeds }])).toThrow(/other settings/);
    expect(() => mergeSuiteResults([])).toThrow(/no results/);
  });
});
