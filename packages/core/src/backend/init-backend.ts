import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, isBackendName, type BackendName } from './backend-name.js';
import type { BackendReport, SkippedBackend } from './backend-report.js';
import { loadTensorflow } from './load-tensorflow.js';
import { loadWasm } from './load-wasm.js';
import { loadWebgpu } from './load-webgpu.js';
import { firstLine, type LoadedBackend, type LoaderOptions } from './loaded-backend.js';
import { smokeTest } from './smoke-test.js';
import { registerTrainingGradients } from './wasm/install-training-kernels.js';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Which backend(s) to try, in order. `'auto'` (the default) tries tensorflow, webgpu (hardware
   * adapters only), wasm, cpu. A name or list of names is tried first, then the rest of the
   * default order unless `strict`.
   */
  readonly prefer?: 'auto' | BackendName | readonly BackendName[];
  /** Only the preferred backend(s): throw if none loads. Implied by `PRETEXT_BACKEND`. */
  readonly strict?: boolean;
  /** wasm worker threads; defaults to `PRETEXT_WASM_THREADS`, else 1 (see `enableWasmThreads`: 2 threads measured slower on 2 cores). */
  readonly wasmThreads?: number;
  /** Environment to read `PRETEXT_BACKEND` / `PRETEXT_WASM_THREADS` from (defaults to `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const LOADERS: Record<BackendName, (o: LoaderOptions) => Promise<LoadedBackend>> = {
  tensorflow: () => loadTensorflow(),
  webgpu: (o) => loadWebgpu(o),
  wasm: (o) => loadWasm(o),
  cpu: async () => {
    if (!(await tf.setBackend('cpu'))) throw new Error('setBackend("cpu") returned false');
    // The cpu backend greets Node users with a banner recommending tfjs-node; the report says it.
    (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
    return { tfBackend: 'cpu', versions: {}, adapters: [], details: {} };
  },
};

let current: BackendReport | undefined;
let currentKey = '';

/**
 * Picks and activates the best tensor backend that loads and passes a smoke test (a conv, a
 * matmul and their gradients checked against hand-computed values).
 *
 * `PRETEXT_BACKEND=name` forces a backend and throws a clear error when it cannot load.
 * Calling it again with the same options returns the current report; with others, it chooses again.
 *
 * @example
 * ```ts
 * const report = await initBackend();            // best available
 * await initBackend({ prefer: 'wasm', strict: true });
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  const env = options.env ?? process.env;
  const forced = env.PRETEXT_BACKEND?.trim();
  let wanted: readonly BackendName[];
  let strict = options.strict ?? false;
  if (forced && forced !== 'auto') {
    if (!isBackendName(forced)) {
      throw new Error(`PRETEXT_BACKEND=${forced} is not a backend; use one of ${BACKEND_ORDER.join(', ')} or auto`);
    }
    wanted = [forced];
    strict = true;
  } else {
    const p = options.prefer ?? 'auto';
    wanted = p === 'auto' ? [] : typeof p === 'string' ? [p as BackendName] : p;
    for (const w of wanted) if (!isBackendName(w)) throw new Error(`unknown backend '${w}'; use one of ${BACKEND_ORDER.join(', ')}`);
  }
  const threadsEnv = env.PRETEXT_WASM_THREADS ? Number(env.PRETEXT_WASM_THREADS) : undefined;
  if (threadsEnv !== undefined && !(Number.isInteger(threadsEnv) && threadsEnv >= 1)) {
    throw new Error(`PRETEXT_WASM_THREADS=${env.PRETEXT_WASM_THREADS} must be a positive integer`);
  }
  const candidates = strict ? wanted : [...wanted, ...BACKEND_ORDER.filter((b) => !wanted.includes(b))];
  const key = `${candidates.join(',')}|${options.wasmThreads ?? threadsEnv ?? ''}`;
  if (current && key === currentKey && tf.getBackend() === current.tfBackend) return current;

  const t0 = performance.now();
  // tfjs-core's gradients for broadcast matMul, dilated convs, batchNorm and sum/mean are wrong or
  // slow on every backend, not only wasm: register Pretext's before any backend trains.
  registerTrainingGradients();
  const skipped: SkippedBackend[] = [];
  for (const name of candidates) {
    const explicit = wanted.includes(name);
    if (name === 'webgpu' && !explicit && !hasWebgpuPackage()) {
      skipped.push({ name, reason: 'the optional webgpu package is not installed' });
      continue;
    }
    try {
      const loaded = await LOADERS[name]({ explicit, wasmThreads: options.wasmThreads ?? threadsEnv });
      await tf.ready();
      await smokeTest();
      current = {
        backend: name,
        tfBackend: loaded.tfBackend,
        ...(loaded.package ? { package: loaded.package } : {}),
        versions: { tfjs: tf.version.tfjs, node: process.versions.node, ...loaded.versions },
        adapters: loaded.adapters,
        details: loaded.details,
        skipped,
        initMs: performance.now() - t0,
      };
      currentKey = key;
      return current;
    } catch (e) {
      skipped.push({ name, reason: firstLine(e) });
    }
  }
  for (const name of BACKEND_ORDER) {
    if (!candidates.includes(name)) skipped.push({ name, reason: 'not requested' });
  }
  const why = skipped.map((s) => `  ${s.name}: ${s.reason}`).join('\n');
  throw new Error(`no usable backend among ${candidates.join(', ')}:\n${why}`);
}

/** The report of the backend chosen by the last successful {@link initBackend}, if any. */
export function backendReport(): BackendReport | undefined {
  return current;
}

function hasWebgpuPackage(): boolean {
  try {
    import.meta.resolve('webgpu');
    return true;
  } catch {
    return false;
  }
}
