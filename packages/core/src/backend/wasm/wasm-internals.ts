import type * as tf from '@tensorflow/tfjs';

/**
 * The parts of `@tensorflow/tfjs-backend-wasm@4.22.0`'s `BackendWasm` that the training kernels
 * use. They are internals (not in its public typings): {@link asWasmBackend} checks them at run
 * time so that a changed tfjs fails with a clear message instead of corrupting the wasm heap.
 */

/** What `BackendWasm.dataIdMap` stores per tensor. */
export interface WasmTensorData {
  readonly id: number;
  readonly memoryOffset: number;
  readonly shape: number[];
  readonly dtype: tf.DataType;
  refCount: number;
}

/** `BackendWasm.dataIdMap`, a `DataStorage<WasmTensorData>`. */
export interface WasmDataStorage {
  get(dataId: object): WasmTensorData | undefined;
  has(dataId: object): boolean;
  delete(dataId: object): boolean;
}

/** The argument and return types Emscripten's `cwrap` converts. */
export type CwrapType = 'number' | 'array' | 'boolean' | 'string' | null;

/** A C function wrapped by `cwrap`; arrays are passed as bytes. */
export type WasmCFunction = (...args: Array<number | boolean | Uint8Array>) => void;

/** The Emscripten module of the wasm backend. */
export interface WasmModule {
  cwrap(name: string, returnType: CwrapType, argTypes: CwrapType[]): WasmCFunction;
  tfjs: {
    /** Forgets a tensor id on the C++ side and runs its disposal callbacks (XNNPACK operator caches). */
    disposeData(id: number): void;
  };
}

/** The `wasm` backend instance, as the training kernels see it. */
export interface WasmBackend {
  readonly wasm: WasmModule;
  readonly dataIdMap: WasmDataStorage;
  /** Registers a tensor; with `memoryOffset` it aliases existing heap memory instead of allocating. */
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: tf.BackendValues): tf.TensorInfo;
  /** Drops one reference; frees the heap memory when none is left. */
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
  /** A typed-array view of a tensor's memory on the wasm heap (no copy). */
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * Checks that a kernel's `backend` argument is the tfjs 4.22 wasm backend with the internals the
 * training kernels rely on, and returns it typed.
 */
export function asWasmBackend(backend: unknown, kernel: string): WasmBackend {
  const b = backend as Partial<Record<keyof WasmBackend, unknown>> | null;
  const wasm = b?.wasm as Partial<WasmModule> | undefined;
  const dataIdMap = b?.dataIdMap as Partial<WasmDataStorage> | undefined;
  const ok =
    typeof wasm?.cwrap === 'function' &&
    typeof wasm.tfjs?.disposeData === 'function' &&
    typeof dataIdMap?.get === 'function' &&
    typeof dataIdMap.delete === 'function' &&
    typeof b?.makeOutput === 'function' &&
    typeof b.disposeData === 'function' &&
    typeof b.typedArrayFromHeap === 'function';
  if (!ok) {
    throw new Error(
      `wasm training kernel ${kernel}: the backend is not @tensorflow/tfjs-backend-wasm 4.22 ` +
        '(its internals differ); pin every @tensorflow package to 4.22.0',
    );
  }
  return backend as WasmBackend;
}

/** The C++ id of a tensor (what the wasm C functions take), or a clear error for a stale one. */
export function wasmId(backend: WasmBackend, t: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error(`wasm training kernels: tensor of shape [${t.shape.join(',')}] has no wasm data (disposed?)`);
  return data.id;
}
