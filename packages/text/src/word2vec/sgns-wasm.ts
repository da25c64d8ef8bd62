import { EXP_TABLE, MAX_SENTENCE, type KernelState } from './sgns-kernel.js';
import { SGNS_WASM_BASE64 } from './sgns-wasm-binary.js';

/** The exports of `assembly/sgns-kernel.ts` (see there for the arguments of `train`). */
interface SgnsExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  train(
    skipgram: number, syn0: number, syn1: number, dim: number, window: number, negative: number,
    table: number, tableMask: number, keep: number, expTable: number, ids: number, offsets: number,
    from: number, to: number, alpha0: number, totalWords: number, state: number, scratch: number,
  ): void;
}

/** The part of the `WebAssembly` global this file uses (not in the ES or Node type libraries). */
interface WasmGlobal {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

const PAGE = 65536;

let compiled: object | null | undefined;

/** The compiled kernel module, or null where this engine has no WebAssembly (SIMD) or forbids compiling it. */
function sgnsModule(): object | null {
  if (compiled === undefined) {
    const wasm = (globalThis as { WebAssembly?: WasmGlobal }).WebAssembly;
    try {
      compiled = wasm ? new wasm.Module(Uint8Array.from(atob(SGNS_WASM_BASE64), (c) => c.charCodeAt(0))) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether the WebAssembly SIMD kernel can run in this engine. */
export function wasmSgnsAvailable(): boolean {
  return sgnsModule() !== null;
}

/** Byte addresses of a run's arrays in the instance's memory. */
interface Layout {
  readonly state: number;
  readonly expTable: number;
  readonly scratch: number;
  readonly keep: number;
  readonly syn0: number;
  readonly syn1: number;
  readonly table: number;
  readonly ids: number;
  readonly offsets: number;
  readonly end: number;
}

/** Lays the arrays out from `base`, each on a 16-byte boundary. */
function layout(base: number, s: KernelState, words: number, offsets: number): Layout {
  let at = align16(base);
  const take = (bytes: number): number => {
    const start = at;
    at = align16(at + bytes);
    return start;
  };
  const rowBytes = align16(s.dim * 4);
  return {
    state: take(4 * 8),
    expTable: take(EXP_TABLE.length * 4),
    scratch: take(MAX_SENTENCE * 4 + 2 * rowBytes + 2 * s.window * s.negative * 4),
    keep: take(s.keep.length * 8),
    syn0: take(s.syn0.length * 4),
    syn1: take(s.syn1.length * 4),
    table: take(s.table.length * 4),
    ids: take(words * 4),
    offsets: take(offsets * 4),
    end: at,
  };
}

/**
 * A word2vec run on the WebAssembly SIMD kernel: the vectors, noise table and corpus are copied
 * into a fresh instance's memory once, each {@link WasmSgnsRun.trainSentences} call runs a pass
 * there, and {@link WasmSgnsRun.copyOut} writes the trained vectors back to the state's arrays.
 * The instance (and its memory) is released with the object.
 */
export class WasmSgnsRun {
  private constructor(
    private readonly s: KernelState,
    private readonly exports: SgnsExports,
    private readonly at: Layout,
  ) {}

  /** Sets up a run over `ids`/`offsets` (see `IndexedCorpus`), or returns undefined where the kernel cannot run. */
  static create(s: KernelState, ids: Int32Array, offsets: Int32Array): WasmSgnsRun | undefined {
    const module = sgnsModule();
    const wasm = (globalThis as { WebAssembly?: WasmGlobal }).WebAssembly;
    if (!module || !wasm) return undefined;
    if ((s.table.length & (s.table.length - 1)) !== 0) throw new Error('WasmSgnsRun: the unigram table length must be a power of two');
    let exports: SgnsExports;
    let at: Layout;
    try {
      exports = new wasm.Instance(module, {}).exports as SgnsExports;
      at = layout(exports.heapBase(), s, ids.length, offsets.length);
      const have = exports.memory.buffer.byteLength;
      if (at.end > have) exports.memory.grow(Math.ceil((at.end - have) / PAGE));
    } catch {
      return undefined; // beyond the 4 GiB of a wasm32 memory, or out of memory: the JavaScript kernel runs instead
    }
    const buffer = exports.memory.buffer;
    new Float32Array(buffer, at.expTable, EXP_TABLE.length).set(EXP_TABLE);
    new Float64Array(buffer, at.keep, s.keep.length).set(s.keep);
    new Float32Array(buffer, at.syn0, s.syn0.length).set(s.syn0);
    new Float32Array(buffer, at.syn1, s.syn1.length).set(s.syn1);
    new Int32Array(buffer, at.table, s.table.length).set(s.table);
    new Int32Array(buffer, at.ids, ids.length).set(ids);
    new Int32Array(buffer, at.offsets, offsets.length).set(offsets);
    return new WasmSgnsRun(s, exports, at);
  }

  /** One pass over sentences `[from, to)`, advancing the state's counters, rate and RNG as `trainSentences` does. */
  trainSentences(from: number, to: number): void {
    const { s, at } = this;
    const state = new Float64Array(this.exports.memory.buffer, at.state, 4);
    state.set([s.processed, s.effective, s.alpha, s.rng >>> 0 || 1]);
    this.exports.train(
      s.mode === 'skipgram' ? 1 : 0, at.syn0, at.syn1, s.dim, s.window, s.negative,
      at.table, s.table.length - 1, at.keep, at.expTable, at.ids, at.offsets,
      from, to, s.alpha0, s.totalWords, at.state, at.scratch,
    );
    s.processed = state[0]!;
    s.effective = state[1]!;
    s.alpha = state[2]!;
    s.rng = state[3]! | 0;
  }

  /** Copies the trained input and output vectors back into `syn0` and `syn1` of the state. */
  copyOut(): void {
    const { s, at } = this;
    s.syn0.set(new Float32Array(this.exports.memory.buffer, at.syn0, s.syn0.length));
    s.syn1.set(new Float32Array(this.exports.memory.buffer, at.syn1, s.syn1.length));
  }
}

/** `n` rounded up to a multiple of 16 (arithmetic, not bitwise: addresses may pass 2^31). */
function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}
