import { tf } from '@pretext/core';

/** Memory readings taken after a training step. */
export interface MemorySample {
  /** `tf.memory().numBytes`. */
  readonly tensorBytes: number;
  /** `tf.memory().numTensors`. */
  readonly numTensors: number;
  /** `process.memoryUsage.rss()`. */
  readonly rssBytes: number;
  /** Size of the wasm backend's linear memory, or null on other backends. */
  readonly wasmHeapBytes: number | null;
}

/** The part of tfjs-backend-wasm's `BackendWasm` read here: its Emscripten module's heap view. */
interface WasmBackendLike {
  readonly wasm?: { readonly HEAPU8?: { readonly buffer: { readonly byteLength: number } } };
}

/**
 * Byte size of the wasm backend's linear memory (the Emscripten heap, which grows and never
 * shrinks), or null when the active backend is not wasm.
 */
export function wasmHeapBytes(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const heap = (tf.backend() as unknown as WasmBackendLike).wasm?.HEAPU8;
  return heap ? heap.buffer.byteLength : null;
}

/** Reads tensor, process and wasm-heap memory now. Cheap: safe inside a timed step. */
export function sampleMemory(): MemorySample {
  const m = tf.memory();
  return {
    tensorBytes: m.numBytes,
    numTensors: m.numTensors,
    rssBytes: process.memoryUsage.rss(),
    wasmHeapBytes: wasmHeapBytes(),
  };
}

/** The process's peak resident set size in bytes, as the OS reports it. */
export function osMaxRssBytes(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS * 1024;
}
