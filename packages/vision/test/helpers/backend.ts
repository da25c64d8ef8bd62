import { initBackend, type BackendReport } from '@pretext/core';

/**
 * The backend vision tests run on: wasm with Pretext's training kernels, unless
 * PRETEXT_TEST_BACKEND names another. Not strict: falls back to cpu.
 */
export function useTestBackend(): Promise<BackendReport> {
  const name = process.env.PRETEXT_TEST_BACKEND ?? 'wasm';
  return initBackend({ prefer: name as 'wasm', env: {} });
}
