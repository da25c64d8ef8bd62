/** The tensor backends Pretext knows, best first. */
export const BACKEND_ORDER = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;

/** A backend Pretext can run on. `tensorflow` is tfjs-node-gpu or tfjs-node (libtensorflow). */
export type BackendName = (typeof BACKEND_ORDER)[number];

/** Whether a string names a Pretext backend. */
export function isBackendName(name: string): name is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(name);
}
