import { describe, expect, it } from 'vitest';
import { LABEL_FRACTIONS, suiteConfigProblems } from '../src/suites/suite-config.js';
import { SUITE_NAMES, getSuite } from '../src/suites/suite-registry.js';
import { selectMethods, withSeeds } from '../src/suite-runner/select-methods.js';
import { parseSuiteArgs } from '../src/suite-runner/suite-cli-options.js';

describe('suite configs', () => {
  it('has the four suites of the issue', () => {
    expect(SUITE_NAMES).toEqual(['vision-mnist', 'text-spam', 'audio-digits', 'multimodal-mnist']);
  });

  for (const name of ['vision-mnist', 'text-spam', 'audio-digits', 'multimodal-mnist']) {
    it(`${name}: full and quick configs validate`, () => {
      const s = getSuite(name);
      expect(suiteConfigProblems(s.full)).toEqual([]);
      expect(suiteConfigProblems(s.quick)).toEqual([]);
      expect(s.full.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(s.full.evaluation.fractions).toEqual([0.01, 0.05, 0.1, 0.25, 1]);
      expect(s.full.evaluation.seeds.length).toBeGreaterThanOrEqual(3);
      expect(s.full.evaluation.protocols).toEqual(['knn', 'linear-probe', 'fine-tune']);
      expect(s.quick.variant).toBe('quick');
      for (const o of s.quick.objectives) expect(o.minutes).toBeLessThanOrEqual(0.5);
    });
  }

  it('keeps the package scripts\' settings', () => {
    const v = getSuite('vision-mnist').full;
    expect(v.objectives.map((o) => [o.objective, o.encoder, o.lr, o.minutes, o.batchSize])).toEqual([
      ['simclr', 'resnet', 2e-3, 30, 128], ['byol', 'resnet', 3e-3, 30, 128], ['mae', 'vit', 1e-3, 30, 128],
    ]);
    expect(v.encoders.resnet).toMatchObject({ widths: [16, 32, 64], stemStride: 2 });
    expect(getSuite('text-spam').full.objectives.every((o) => o.minutes === 20)).toBe(true);
    expect(getSuite('audio-digits').full.objectives.every((o) => o.minutes === 30)).toBe(true);
    expect(getSuite('multimodal-mnist').full.objectives[0]!.minutes).toBe(15);
  });

  it('rejects a full config with too few seeds or missing fractions', () => {
    const v = getSuite('vision-mnist').full;
    expect(suiteConfigProblems(withSeeds(v, [0]))).toContain('a full suite needs at least 3 seeds');
    expect(suiteConfigProblems({ ...v, evaluation: { ...v.evaluation, fractions: [0.01, 0.1] } })[0]).toContain(LABEL_FRACTIONS.join(', '));
    expect(suiteConfigProblems(withSeeds(v, [0, 0, 1]))).toContain('seeds must be distinct');
  });

  it('selects objectives and the supervised baseline', () => {
    const v = getSuite('vision-mnist').full;
    expect(selectMethods(v)).toEqual(['simclr', 'byol', 'mae', 'supervised']);
    expect(selectMethods(v, ['mae', 'simclr'])).toEqual(['simclr', 'mae']);
    expect(() => selectMethods(v, ['cpc'])).toThrow(/'cpc' is not in vision-mnist/);
  });

  it('parses the suite command line', () => {
    const o = parseSuiteArgs(['vision-mnist', '--quick', '--objectives', 'simclr,supervised', '--seeds', '3,4,5', '--out', '/tmp/x']);
    expect(o).toMatchObject({ suite: 'vision-mnist', quick: true, objectives: ['simclr', 'supervised'], seeds: [3, 4, 5], out: '/tmp/x', help: false });
    expect(parseSuiteArgs(['--merge', 'a.json,b.json']).merge).toEqual(['a.json', 'b.json']);
    expect(() => parseSuiteArgs(['vision-mnist', '--seeds', 'x'])).toThrow(/--seeds/);
  });
});
