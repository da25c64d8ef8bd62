import { initBackend, type BackendReport } from '@pretext/core';

/**
 * The backend bench tests run on, picked as in `packages/core/test/helpers/backend.ts`: wasm with
 * Pretext's training kernels unless PRETEXT_TEST_BACKEND names another; not strict, so it falls
 * back (to cpu here) while wasm does not load.
 */
export function useTestBackend(): Promise<BackendReport> {
  const name = process.env.PRETEXT_TEST_BACKEND ?? 'wasm';
  return initBackend({ prefer: name as 'wasm', env: {} });
}
