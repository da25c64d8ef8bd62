/** What a backend loader returns once its backend is registered and active. */
export interface LoadedBackend {
  readonly tfBackend: string;
  readonly package?: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly adapters: readonly string[];
  readonly details: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

/** Options a loader receives. */
export interface LoaderOptions {
  /** The backend was asked for by name: accept what `auto` would skip (a software GPU adapter). */
  readonly explicit: boolean;
  /** wasm: worker threads to use (1 = single-threaded SIMD build). */
  readonly wasmThreads?: number;
}

/** First line of an error's message, for one-line reasons. */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n').find((l) => l.trim().length > 0)?.trim() ?? 'unknown error';
}
