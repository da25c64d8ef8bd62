import type { BackendName } from './backend-name.js';

/** Why a backend was not chosen. */
export interface SkippedBackend {
  readonly name: BackendName;
  readonly reason: string;
}

/** What `initBackend` chose and why: the answer to "what am I running on?". */
export interface BackendReport {
  /** The active backend. */
  readonly backend: BackendName;
  /** The tfjs backend name registered with the engine (`tensorflow`, `webgpu`, `wasm`, `cpu`). */
  readonly tfBackend: string;
  /** For `tensorflow`: which package loaded (`@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node`). */
  readonly package?: string;
  /** Versions: tfjs, the backend package, Node.js, and for webgpu the Dawn binding. */
  readonly versions: Readonly<Record<string, string>>;
  /** GPU adapter description(s) when the backend runs on one. */
  readonly adapters: readonly string[];
  /** Backend-specific details (wasm: threads, SIMD, training kernels installed). */
  readonly details: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** Every backend tried before the chosen one, or not tried, with the reason. */
  readonly skipped: readonly SkippedBackend[];
  /** Milliseconds spent loading and checking. */
  readonly initMs: number;
}

/** A human-readable, multi-line rendering of a report (what `pretext doctor` prints). */
export function formatBackendReport(r: BackendReport): string {
  const lines = [`backend: ${r.backend}${r.package ? ` (${r.package})` : ''} — ready in ${r.initMs.toFixed(0)} ms`];
  for (const [k, v] of Object.entries(r.versions)) lines.push(`  version ${k}: ${v}`);
  for (const a of r.adapters) lines.push(`  adapter: ${a}`);
  for (const [k, v] of Object.entries(r.details)) lines.push(`  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  if (r.skipped.length) lines.push('skipped:');
  for (const s of r.skipped) lines.push(`  ${s.name}: ${s.reason}`);
  return lines.join('\n');
}
