import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import type { LoadedBackend, LoaderOptions } from './loaded-backend.js';
import { installWasmTrainingKernels } from './wasm/install-training-kernels.js';
import { enableWasmThreads } from './wasm/wasm-threads.js';

const require = createRequire(import.meta.url);

/**
 * Activates `@tensorflow/tfjs-backend-wasm` with Pretext's training kernels: the kernels stock
 * wasm lacks for backpropagation (and a few it gets wrong or runs slowly), composed from wasm's
 * own fast XNNPACK kernels.
 */
export async function loadWasm(opts: LoaderOptions): Promise<LoadedBackend> {
  const installed = installWasmTrainingKernels();
  const threads = enableWasmThreads(opts.wasmThreads);
  const before = processErrorListeners();
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend("wasm") returned false');
  } finally {
    removeEmscriptenListeners(before);
  }
  const version = (require('@tensorflow/tfjs-backend-wasm/package.json') as { version: string }).version;
  return {
    tfBackend: 'wasm',
    versions: { '@tensorflow/tfjs-backend-wasm': version },
    adapters: [],
    details: {
      threads: wasmBackend.getThreadsCount(),
      threadsRequested: threads.requested,
      ...(threads.note ? { threadsNote: threads.note } : {}),
      trainingKernels: installed,
    },
  };
}

type ErrorEvent = 'uncaughtException' | 'unhandledRejection';
const ERROR_EVENTS: readonly ErrorEvent[] = ['uncaughtException', 'unhandledRejection'];

function processErrorListeners(): Map<ErrorEvent, Set<unknown>> {
  return new Map(ERROR_EVENTS.map((e) => [e, new Set<unknown>(process.listeners(e as 'uncaughtException'))]));
}

/**
 * The Emscripten module of tfjs-backend-wasm installs process-wide `uncaughtException` and
 * `unhandledRejection` handlers that rethrow, so any later uncaught error in the user's program
 * is printed together with the whole minified module source. Remove the ones it added: Node's
 * default handling (print the error, exit 1) is what a user expects.
 */
function removeEmscriptenListeners(before: Map<ErrorEvent, Set<unknown>>): void {
  for (const event of ERROR_EVENTS) {
    // Both events take the same listener shape; the cast picks one of Node's overloads.
    const name = event as 'uncaughtException';
    for (const listener of process.listeners(name)) {
      if (!before.get(event)!.has(listener)) process.removeListener(name, listener);
    }
  }
}
