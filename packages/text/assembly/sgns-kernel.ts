/**
 * The word2vec inner loops (skip-gram and CBOW with negative sampling) in AssemblyScript with
 * WebAssembly SIMD (f32x4): the same algorithm, random draws and update order as the JavaScript
 * kernel `src/word2vec/sgns-kernel.ts`, which it replaces where WebAssembly SIMD is available.
 *
 * The module owns no data: the caller (`src/word2vec/sgns-wasm.ts`) lays every array out in the
 * exported memory from `heapBase()` on and passes byte addresses. Build with `pnpm build:wasm`.
 */

const MAX_SENTENCE: i32 = 1000;
const MAX_EXP: f32 = 6;
/** Table slots per unit of f: EXP_TABLE_SIZE / MAX_EXP / 2 with 1000 slots. */
const EXP_SCALE: f32 = 1000.0 / 6.0 / 2.0;

/** Byte offsets of the f64 slots of the run state block (`state` argument of `train`). */
const S_PROCESSED: usize = 0;
const S_EFFECTIVE: usize = 8;
const S_ALPHA: usize = 16;
const S_RNG: usize = 24;

/** First free byte of the memory: the caller's arrays start here. */
export function heapBase(): usize {
  return __heap_base;
}

/** One step of the xorshift32 generator (13, 17, 5), as the JavaScript kernel. */
// @ts-ignore: decorator
@inline function xorshift(x: u32): u32 {
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

/** Dot product of two `dim`-float rows: four f32x4 accumulators, then 4-wide steps, then a scalar tail. */
// @ts-ignore: decorator
@inline function dot(a: usize, b: usize, dim: i32): f32 {
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let acc2 = f32x4.splat(0);
  let acc3 = f32x4.splat(0);
  let k = 0;
  for (; k + 16 <= dim; k += 16) {
    const pa = a + (<usize>k << 2);
    const pb = b + (<usize>k << 2);
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(pa), v128.load(pb)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(pa, 16), v128.load(pb, 16)));
    acc2 = f32x4.add(acc2, f32x4.mul(v128.load(pa, 32), v128.load(pb, 32)));
    acc3 = f32x4.add(acc3, f32x4.mul(v128.load(pa, 48), v128.load(pb, 48)));
  }
  for (; k + 4 <= dim; k += 4) {
    const o = <usize>k << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  const acc = f32x4.add(f32x4.add(acc0, acc1), f32x4.add(acc2, acc3));
  let f = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; k < dim; k++) {
    const o = <usize>k << 2;
    f += load<f32>(a + o) * load<f32>(b + o);
  }
  return f;
}

/** `err += g · out; out += g · inp` over `dim` floats: the negative-sampling update of one target. */
// @ts-ignore: decorator
@inline function updateTarget(out: usize, inp: usize, err: usize, g: f32, dim: i32): void {
  const gv = f32x4.splat(g);
  let k = 0;
  for (; k + 4 <= dim; k += 4) {
    const o = <usize>k << 2;
    const u = v128.load(out + o);
    v128.store(err + o, f32x4.add(v128.load(err + o), f32x4.mul(gv, u)));
    v128.store(out + o, f32x4.add(u, f32x4.mul(gv, v128.load(inp + o))));
  }
  for (; k < dim; k++) {
    const o = <usize>k << 2;
    const u = load<f32>(out + o);
    store<f32>(err + o, load<f32>(err + o) + g * u);
    store<f32>(out + o, u + g * load<f32>(inp + o));
  }
}

/** `dst += src` over `dim` floats. */
// @ts-ignore: decorator
@inline function addRow(dst: usize, src: usize, dim: i32): void {
  let k = 0;
  for (; k + 4 <= dim; k += 4) {
    const o = <usize>k << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; k < dim; k++) {
    const o = <usize>k << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

/** (label − σ(f)) · alpha with the tabulated sigmoid (1001 slots), saturating outside [−6, 6]. */
// @ts-ignore: decorator
@inline function gradient(f: f32, label: f32, alpha: f32, expTable: usize): f32 {
  if (f > MAX_EXP) return (label - 1) * alpha;
  if (f < -MAX_EXP) return label * alpha;
  return (label - load<f32>(expTable + (<usize>(<i32>((f + MAX_EXP) * EXP_SCALE)) << 2))) * alpha;
}

/**
 * Draws `count` noise words into `out` (i32s), advancing the RNG exactly as drawing them one by one
 * in the training loop would. Drawing a word's noise words up front lets the CPU overlap the
 * cache misses of their (large) table lookups instead of stalling on each.
 */
// @ts-ignore: decorator
@inline function drawNoise(x: u32, count: i32, out: usize, table: usize, tableMask: u32): u32 {
  for (let i = 0; i < count; i++) {
    x = xorshift(x);
    store<i32>(out + (<usize>i << 2), load<i32>(table + (<usize>(x & tableMask) << 2)));
  }
  return x;
}

/** The run's arrays and sizes, set by `train` for the sentence loops. */
let runSyn0: usize = 0;
let runSyn1: usize = 0;
let runDim: i32 = 0;
let runRowBytes: usize = 0;
let runWindow: u32 = 1;
let runNegative: i32 = 0;
let runTable: usize = 0;
let runTableMask: u32 = 0;
let runExpTable: usize = 0;
let runNeu1: usize = 0;
let runNeu1e: usize = 0;
let runNoise: usize = 0;

/** Skip-gram over one subsampled sentence of `len` ids at `sen`; returns the advanced RNG state. */
function skipgramSentence(sen: usize, len: i32, alpha: f32, rng: u32): u32 {
  const syn0 = runSyn0;
  const syn1 = runSyn1;
  const dim = runDim;
  const rowBytes = runRowBytes;
  const window = runWindow;
  const negative = runNegative;
  const table = runTable;
  const tableMask = runTableMask;
  const expTable = runExpTable;
  const neu1e = runNeu1e;
  const noise = runNoise;
  let x = rng;
  for (let pos = 0; pos < len; pos++) {
    const word = load<i32>(sen + (<usize>pos << 2));
    x = xorshift(x);
    const b = <i32>(x % window);
    const lo = max(0, pos - <i32>window + b);
    const hi = min(len - 1, pos + <i32>window - b);
    // The noise words of all (hi − lo) contexts, in the order the context loop uses them.
    x = drawNoise(x, (hi - lo) * negative, noise, table, tableMask);
    let next = noise;
    for (let c = lo; c <= hi; c++) {
      if (c == pos) continue;
      const l1 = syn0 + <usize>load<i32>(sen + (<usize>c << 2)) * rowBytes;
      memory.fill(neu1e, 0, rowBytes);
      for (let d = 0; d <= negative; d++) {
        let target = word;
        let label: f32 = 1;
        if (d > 0) {
          target = load<i32>(next);
          next += 4;
          if (target == word) continue;
          label = 0;
        }
        const l2 = syn1 + <usize>target * rowBytes;
        const g = gradient(dot(l1, l2, dim), label, alpha, expTable);
        updateTarget(l2, l1, neu1e, g, dim);
      }
      addRow(l1, neu1e, dim);
    }
  }
  return x;
}

/** CBOW over one subsampled sentence: the mean of the context predicts the word. */
function cbowSentence(sen: usize, len: i32, alpha: f32, rng: u32): u32 {
  const syn0 = runSyn0;
  const syn1 = runSyn1;
  const dim = runDim;
  const rowBytes = runRowBytes;
  const window = runWindow;
  const negative = runNegative;
  const table = runTable;
  const tableMask = runTableMask;
  const expTable = runExpTable;
  const neu1 = runNeu1;
  const neu1e = runNeu1e;
  const noise = runNoise;
  let x = rng;
  for (let pos = 0; pos < len; pos++) {
    const word = load<i32>(sen + (<usize>pos << 2));
    x = xorshift(x);
    const b = <i32>(x % window);
    const lo = max(0, pos - <i32>window + b);
    const hi = min(len - 1, pos + <i32>window - b);
    const cw = hi - lo; // context words: the window less the word itself
    if (cw == 0) continue;
    x = drawNoise(x, negative, noise, table, tableMask);
    memory.fill(neu1, 0, rowBytes);
    memory.fill(neu1e, 0, rowBytes);
    for (let c = lo; c <= hi; c++) {
      if (c == pos) continue;
      addRow(neu1, syn0 + <usize>load<i32>(sen + (<usize>c << 2)) * rowBytes, dim);
    }
    const n = <f32>cw;
    for (let k = 0; k < dim; k++) {
      const o = neu1 + (<usize>k << 2);
      store<f32>(o, load<f32>(o) / n);
    }
    for (let d = 0; d <= negative; d++) {
      let target = word;
      let label: f32 = 1;
      if (d > 0) {
        target = load<i32>(noise + (<usize>(d - 1) << 2));
        if (target == word) continue;
        label = 0;
      }
      const l2 = syn1 + <usize>target * rowBytes;
      const g = gradient(dot(neu1, l2, dim), label, alpha, expTable);
      updateTarget(l2, neu1, neu1e, g, dim);
    }
    for (let c = lo; c <= hi; c++) {
      if (c == pos) continue;
      addRow(syn0 + <usize>load<i32>(sen + (<usize>c << 2)) * rowBytes, neu1e, dim);
    }
  }
  return x;
}

/**
 * One pass over sentences `[from, to)` (word ids at `ids`, sentence bounds at `offsets`): the
 * frequent-word subsampling (`keep`: f64 uint32 thresholds per id), the linear learning-rate
 * schedule and the sentence loops, updating `syn0`/`syn1` in place. The counters, the rate and the
 * RNG are read from and written back to the four f64 slots at `state`. `scratch` holds
 * `MAX_SENTENCE` ids, two rows of floats (each padded to 16 bytes) and `2 · window · negative`
 * noise ids.
 */
export function train(
  skipgram: bool, syn0: usize, syn1: usize, dim: i32, window: i32, negative: i32,
  table: usize, tableMask: u32, keep: usize, expTable: usize, ids: usize, offsets: usize,
  from: i32, to: i32, alpha0: f64, totalWords: f64, state: usize, scratch: usize,
): void {
  runSyn0 = syn0;
  runSyn1 = syn1;
  runDim = dim;
  runRowBytes = <usize>dim << 2;
  runWindow = <u32>window;
  runNegative = negative;
  runTable = table;
  runTableMask = tableMask;
  runExpTable = expTable;
  const sen = scratch;
  runNeu1 = sen + (<usize>MAX_SENTENCE << 2);
  runNeu1e = runNeu1 + ((runRowBytes + 15) & ~15);
  runNoise = runNeu1e + ((runRowBytes + 15) & ~15);
  const minAlpha = alpha0 * 1e-4;
  let processed = load<f64>(state + S_PROCESSED);
  let effective = load<f64>(state + S_EFFECTIVE);
  let alpha = load<f64>(state + S_ALPHA);
  let x = <u32>load<f64>(state + S_RNG);
  if (x == 0) x = 1;
  let lastUpdate = processed;
  for (let si = from; si < to; si++) {
    const end = load<i32>(offsets + (<usize>(si + 1) << 2));
    for (let chunk = load<i32>(offsets + (<usize>si << 2)); chunk < end; chunk += MAX_SENTENCE) {
      const stop = min(end, chunk + MAX_SENTENCE);
      let len = 0;
      for (let k = chunk; k < stop; k++) {
        const w = load<i32>(ids + (<usize>k << 2));
        x = xorshift(x);
        if (<f64>x < load<f64>(keep + (<usize>w << 3))) {
          store<i32>(sen + (<usize>len << 2), w);
          len++;
        }
      }
      processed += <f64>(stop - chunk);
      effective += <f64>len;
      if (processed - lastUpdate > 10000) {
        alpha = max(minAlpha, alpha0 * (1 - processed / (totalWords + 1)));
        lastUpdate = processed;
      }
      x = skipgram ? skipgramSentence(sen, len, <f32>alpha, x) : cbowSentence(sen, len, <f32>alpha, x);
    }
  }
  store<f64>(state + S_PROCESSED, processed);
  store<f64>(state + S_EFFECTIVE, effective);
  store<f64>(state + S_ALPHA, alpha);
  store<f64>(state + S_RNG, <f64>x);
}
