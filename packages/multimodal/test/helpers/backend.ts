import { initBackend, type BackendReport } from '@pretext/core';

/** The wasm backend with Pretext's training kernels (what CI runs), unless PRETEXT_TEST_BACKEND names another. */
export function useTestBackend(): Promise<BackendReport> {
  const name = process.env.PRETEXT_TEST_BACKEND ?? 'wasm';
  return initBackend({ prefer: name as 'wasm', strict: true, env: {} });
}
