import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BACKEND_ORDER, isBackendName, type BackendName } from '@pretext/core';
import type { ThroughputSettings } from './result-types.js';
import { MODEL_NAMES, isModelName, type ModelName } from './workloads/training-workload.js';

/** What the `throughput` command line resolved to: the settings recorded with the results, plus where and how to run. */
export interface ThroughputCliOptions extends ThroughputSettings {
  /** Where results go (default `bench/results`). */
  readonly outDir: string;
  /** Exit with status 1 unless every target passes. */
  readonly check: boolean;
  readonly help: boolean;
  /** Set in a child process: the one backend × model it runs, and where it writes its record. */
  readonly child?: { readonly backend: BackendName; readonly model: ModelName; readonly resultFile: string };
}

/** The default backend set: every backend Pretext knows except the pure-JS `cpu` one (~100x slower). */
export const DEFAULT_BACKENDS: readonly BackendName[] = BACKEND_ORDER.filter((b) => b !== 'cpu');

/** Usage text of `pnpm --filter @pretext/bench throughput`. */
export const USAGE = `Usage: pnpm --filter @pretext/bench throughput [options]

Trains a ResNet-style CNN (28x28x1, batch 128) and a 4-layer transformer encoder (d=128, seq 64,
batch 32) — the reference steps, unchanged so runs compare over time — then one training step of
every registered objective (${MODEL_NAMES.slice(2).join(', ')}) on small fixed inputs, with Adam on
each backend that loads, one child process per backend and model, and writes samples/s, ms/step
and peak memory to bench/results/.

  --backends a,b     backends to try: ${BACKEND_ORDER.join(', ')} or all (default: ${DEFAULT_BACKENDS.join(',')})
  --models a,b       ${MODEL_NAMES.join(', ')} (default: all)
  --steps N          measured steps per model (default 20)
  --warmup N         untimed warm-up steps per model (default 3)
  --time S           keep measuring until S seconds of steps have run (default 0)
  --cpu-steps N      measured steps on cpu, which gets no warm-up (default 1)
  --batch N          batch for every model (default 128 CNN, 32 transformer, per objective: see README)
  --seq N            transformer sequence length (default 64)
  --threads N        wasm worker threads (default: PRETEXT_WASM_THREADS or initBackend's choice)
  --out DIR          results folder (default bench/results)
  --check            exit 1 unless the targets pass (wasm >= 110 img/s CNN, >= 30 seq/s transformer)
  -h, --help         this text`;

/**
 * Parses the `throughput` command line. Throws with the flag's name on a bad value.
 *
 * @param argv - arguments after the script name.
 */
export function parseThroughputArgs(argv: readonly string[]): ThroughputCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      backends: { type: 'string' },
      models: { type: 'string' },
      steps: { type: 'string' },
      warmup: { type: 'string' },
      time: { type: 'string' },
      'cpu-steps': { type: 'string' },
      batch: { type: 'string' },
      seq: { type: 'string' },
      threads: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      child: { type: 'boolean', default: false },
      'child-backend': { type: 'string' },
      'child-model': { type: 'string' },
      'result-file': { type: 'string' },
    },
  });
  const backends = values.backends === undefined ? DEFAULT_BACKENDS : parseBackends(values.backends);
  const models = values.models === undefined ? MODEL_NAMES : parseModels(values.models);
  const timeSec = values.time === undefined ? 0 : Number(values.time);
  if (!(Number.isFinite(timeSec) && timeSec >= 0)) throw new Error(`--time must be a number of seconds ≥ 0, got '${values.time}'`);
  const batch = optionalInt('--batch', values.batch, 1);
  const seqLength = optionalInt('--seq', values.seq, 1);
  const wasmThreads = optionalInt('--threads', values.threads, 1);
  return {
    backends,
    models,
    steps: optionalInt('--steps', values.steps, 1) ?? 20,
    warmupSteps: optionalInt('--warmup', values.warmup, 0) ?? 3,
    minTimeMs: timeSec * 1000,
    cpuSteps: optionalInt('--cpu-steps', values['cpu-steps'], 1) ?? 1,
    ...(batch === undefined ? {} : { batch }),
    ...(seqLength === undefined ? {} : { seqLength }),
    ...(wasmThreads === undefined ? {} : { wasmThreads }),
    outDir: values.out ?? defaultResultsDir(),
    check: values.check,
    help: values.help,
    ...(values.child ? { child: parseChild(values['child-backend'], values['child-model'], values['result-file']) } : {}),
  };
}

/** The arguments that make a child process run one backend × model with the parent's settings. */
export function childArgs(o: ThroughputCliOptions, backend: BackendName, model: ModelName, resultFile: string): string[] {
  const cpu = backend === 'cpu';
  const args = [
    '--child', '--child-backend', backend, '--child-model', model, '--result-file', resultFile,
    '--steps', String(cpu ? o.cpuSteps : o.steps),
    '--warmup', String(cpu ? 0 : o.warmupSteps),
    '--time', String(cpu ? 0 : o.minTimeMs / 1000),
  ];
  if (o.batch !== undefined) args.push('--batch', String(o.batch));
  if (o.seqLength !== undefined) args.push('--seq', String(o.seqLength));
  if (o.wasmThreads !== undefined) args.push('--threads', String(o.wasmThreads));
  return args;
}

/** `bench/results`, next to this package's `src`. */
export function defaultResultsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
}

function parseBackends(list: string): BackendName[] {
  if (list.trim() === 'all') return [...BACKEND_ORDER];
  const names = splitList(list);
  for (const n of names) {
    if (!isBackendName(n)) throw new Error(`--backends: '${n}' is not a backend; use ${BACKEND_ORDER.join(', ')} or all`);
  }
  if (names.length === 0) throw new Error('--backends: name at least one backend');
  return [...new Set(names as BackendName[])];
}

function parseModels(list: string): ModelName[] {
  const names = splitList(list);
  for (const n of names) if (!isModelName(n)) throw new Error(`--models: '${n}' is not a model; use ${MODEL_NAMES.join(', ')}`);
  if (names.length === 0) throw new Error('--models: name at least one model');
  return [...new Set(names as ModelName[])];
}

function splitList(list: string): string[] {
  return list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function optionalInt(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!(Number.isInteger(v) && v >= min)) throw new Error(`${flag} must be an integer ≥ ${min}, got '${raw}'`);
  return v;
}

function parseChild(backend: string | undefined, model: string | undefined, resultFile: string | undefined): NonNullable<ThroughputCliOptions['child']> {
  if (!backend || !isBackendName(backend)) throw new Error(`--child-backend: expected a backend, got '${backend ?? ''}'`);
  if (!model || !isModelName(model)) throw new Error(`--child-model: expected a model, got '${model ?? ''}'`);
  if (!resultFile) throw new Error('--result-file is required with --child');
  return { backend, model, resultFile };
}
