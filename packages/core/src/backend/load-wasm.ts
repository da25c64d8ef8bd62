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
  if (!(await tf.setBackend('wasm'))) throw new Error('setBackend("wasm") returned false');
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
