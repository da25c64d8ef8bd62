import { initBackend, type BackendName } from '@pretext/core';
import { captureSuiteEnvironment } from '../report/suite-environment.js';
import { SUITE_RESULT_SCHEMA, type MethodResult, type SuiteResult } from '../report/suite-result.js';
import { SUPERVISED, suiteConfigProblems, type SuiteConfig } from '../suites/suite-config.js';
import type { LoadedSuite, PretrainedEncoder, RegisteredSuite } from '../suites/suite-definition.js';
import { evaluateEncoder } from './evaluate-encoder.js';
import { selectMethods } from './select-methods.js';

/** Options of {@link runSuite}. */
export interface RunSuiteOptions {
  readonly suite: RegisteredSuite;
  /** The suite's full or quick config, possibly with other seeds. */
  readonly config: SuiteConfig<object>;
  /** Objectives (and/or `supervised`) to run; default all. */
  readonly methods?: readonly string[];
  /** Force a backend (default: the best that loads). */
  readonly backend?: BackendName;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

/**
 * Runs (part of) a suite in this process: loads the data, pre-trains each selected objective
 * within its budget and evaluates kNN / linear probe / fine-tune at every fraction and seed, then
 * (if `supervised` is selected) trains the supervised-only baseline of every encoder the suite's
 * objectives use, on the same labeled subsets. Returns the result (write it with `writeSuiteResult`).
 */
export async function runSuite(o: RunSuiteOptions): Promise<SuiteResult> {
  const log = o.log ?? ((): void => undefined);
  const problems = suiteConfigProblems(o.config);
  if (problems.length > 0) throw new Error(`${o.config.suite}: invalid config: ${problems.join('; ')}`);
  const methods = selectMethods(o.config, o.methods);
  const startedAt = new Date();
  const t0 = performance.now();
  const report = await initBackend(o.backend ? { prefer: o.backend, strict: true } : {});
  log(`${o.config.suite} ${o.config.version} (${o.config.variant}) on ${report.backend}: ${methods.join(', ')}; seeds ${o.config.evaluation.seeds.join(',')}`);
  const loaded = await o.suite.load(o.config, log);
  const results: MethodResult[] = [];
  try {
    for (const plan of o.config.objectives.filter((p) => methods.includes(p.objective))) {
      log(`${plan.objective}: pre-training ${plan.encoder} for at most ${+plan.minutes.toFixed(2)} min`);
      const pretrained = await loaded.pretrain(plan, log);
      const p = pretrained.record;
      log(`${plan.objective}: ${p.steps} steps in ${(p.seconds / 60).toFixed(1)} min, final loss ${p.finalLoss.toFixed(4)}`);
      try {
        results.push(await evaluate(o.config, loaded, plan.objective, plan.encoder, log, pretrained));
      } finally {
        pretrained.dispose();
      }
    }
    if (methods.includes(SUPERVISED)) {
      for (const encoder of [...new Set(o.config.objectives.map((p) => p.encoder))]) {
        log(`${SUPERVISED} (${encoder}): training from scratch on each labeled subset`);
        results.push(await evaluate(o.config, loaded, SUPERVISED, encoder, log));
      }
    }
  } finally {
    loaded.dispose();
  }
  return {
    schema: SUITE_RESULT_SCHEMA,
    suite: o.config.suite,
    version: o.config.version,
    variant: o.config.variant,
    config: o.config,
    facts: loaded.facts,
    methods: results,
    parts: [
      {
        methods,
        startedAt: startedAt.toISOString(),
        wallSeconds: (performance.now() - t0) / 1000,
        environment: captureSuiteEnvironment(report, o.config.evaluation.seeds),
      },
    ],
  };
}

async function evaluate(
  config: SuiteConfig<object>,
  loaded: LoadedSuite,
  method: string,
  encoderKey: string,
  log: (line: string) => void,
  pretrained?: PretrainedEncoder,
): Promise<MethodResult> {
  const t0 = performance.now();
  const { rows, summary } = await evaluateEncoder({
    loaded,
    config,
    encoderKey,
    ...(pretrained ? { encoder: pretrained.encoder } : {}),
    protocols: pretrained ? config.evaluation.protocols : [SUPERVISED],
    label: `  ${method} (${encoderKey})`,
    log,
  });
  return {
    method,
    encoder: encoderKey,
    kind: pretrained ? 'pretrained' : 'supervised',
    ...(pretrained ? { pretraining: pretrained.record } : {}),
    rows,
    summary,
    evaluationSeconds: (performance.now() - t0) / 1000,
  };
}
