import * as tf from '@tensorflow/tfjs';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import { findThreadedBuild, redirectWorkerBlob, reportCoresToWasm, writeWorkerScript } from './threaded-worker-script.js';

/** The threads Pretext uses when none are requested: see {@link enableWasmThreads}. */
export const DEFAULT_WASM_THREADS = 1;

/** Whether this JS engine can run WebAssembly threads (shared memory and atomics). */
function hasWasmThreads(): boolean {
  try {
    // The threads feature probe of tfjs-backend-wasm (wasm-feature-detect): a module with shared memory and atomics.
    const wasm = (globalThis as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
    return typeof SharedArrayBuffer === 'function' && wasm !== undefined && wasm.validate(new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0, 26, 11,
    ]));
  } catch {
    return false;
  }
}

/** The thread count of the wasm backend if tfjs already created it (fixed from then on), else undefined. */
function initializedWasmThreads(): number | undefined {
  const registry = (tf.engine() as unknown as { registry?: Record<string, unknown> }).registry;
  if (!registry?.wasm) return undefined;
  try {
    return wasmBackend.getThreadsCount();
  } catch {
    return undefined;
  }
}

/**
 * Chooses how many threads the `wasm` backend's XNNPACK kernels use. Call before
 * `tf.setBackend('wasm')`.
 *
 * tfjs forces the single-threaded SIMD build in Node (its pthread worker comes from a `blob:` URL,
 * which Node's `Worker` rejects). For `requested > 1` this loads the threaded-SIMD build anyway:
 * the worker script is written to a file in the temp folder and handed to `Worker` by path, and
 * the wasm module is told there are enough cores for the requested pool. This depends on tfjs
 * 4.22 internals; every assumption is checked first and on any mismatch it keeps 1 thread and
 * says why in `note`. The count actually running is `getThreadsCount()` of the wasm package.
 *
 * Default (`requested` undefined): {@link DEFAULT_WASM_THREADS} = 1, from measurements on the
 * 2-core CI machine with these training kernels (Adam, median step): the ResNet-ish CNN (batch
 * 128) ran at 143–191 img/s on 1 thread and 83–101 img/s on 2; the 4-layer transformer (batch
 * 32, seq 64) at 30–42 seq/s on 1 thread and 11–14 seq/s on 2. The wasm matmul runs XNNPACK
 * without its thread pool anyway (so attention and dense layers cannot gain), most of the
 * composed gradient work is memory-bound, and with every core busy (parallel vitest forks, other
 * processes) the pool's spinning workers cost more than they give. Threads stay opt-in:
 * `initBackend({ wasmThreads: n })` or `PRETEXT_WASM_THREADS=n`; they work under vitest forks.
 */
export function enableWasmThreads(requested?: number): { requested: number; note?: string } {
  const n = requested ?? DEFAULT_WASM_THREADS;
  if (!Number.isInteger(n) || n < 1) throw new Error(`enableWasmThreads: requested must be a positive integer, got ${requested}`);
  const running = initializedWasmThreads();
  if (running !== undefined) {
    return running === n ? { requested: n } : {
      requested: n,
      note: `the wasm backend was already initialized with ${running} thread(s); the thread count is fixed at its first use`,
    };
  }
  const single = (note?: string) => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return note ? { requested: n, note: `using 1 thread: ${note}` } : { requested: n };
  };
  if (n === 1) return single();
  if (!hasWasmThreads()) return single('this JavaScript engine has no WebAssembly threads (SharedArrayBuffer/atomics)');
  if (typeof URL.createObjectURL !== 'function' || typeof Blob !== 'function') return single('URL.createObjectURL/Blob are missing');
  const build = findThreadedBuild();
  if (typeof build === 'string') return single(build);
  try {
    redirectWorkerBlob(build, writeWorkerScript(build));
  } catch (e) {
    return single(`could not write the wasm worker script: ${(e as Error).message.split('\n')[0]}`);
  }
  reportCoresToWasm(2 * n);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasmBackend.setThreadsCount(n);
  return { requested: n };
}
