import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The worker's loader of the main module, which in Node fails for the `blob:` URL tfjs passes. */
const BLOB_IMPORT =
  'if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}else{var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)}';

/** Where the threaded build lives and what its pthread worker script is. */
interface ThreadedBuild {
  readonly mainScript: string;
  readonly workerContents: string;
}

/**
 * Finds the threaded-SIMD build of `@tensorflow/tfjs-backend-wasm@4.22.0` and checks the layout
 * the Node workaround depends on. Returns why not, as a string, when anything differs.
 */
export function findThreadedBuild(): ThreadedBuild | string {
  let pkgVersion: string;
  let mainScript: string;
  let bundle: string;
  let workerContents: unknown;
  try {
    pkgVersion = (require('@tensorflow/tfjs-backend-wasm/package.json') as { version: string }).version;
    mainScript = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
    bundle = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm'), 'utf8');
    workerContents = (require(join(dirname(mainScript), 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents?: unknown })
      .wasmWorkerContents;
  } catch (e) {
    return `the threaded build of @tensorflow/tfjs-backend-wasm was not found (${(e as Error).message.split('\n')[0]})`;
  }
  if (pkgVersion !== '4.22.0') return `@tensorflow/tfjs-backend-wasm is ${pkgVersion}, the threads workaround is written for 4.22.0`;
  if (typeof workerContents !== 'string' || !workerContents.includes(BLOB_IMPORT)) return 'the wasm pthread worker script has an unexpected layout';
  // tfjs builds the worker Blob from its own copy of the script: it must be this one.
  if (!bundle.includes(JSON.stringify(workerContents))) return 'the wasm backend bundle embeds a different pthread worker script';
  return { mainScript, workerContents };
}

/** The worker script as tfjs puts it in its Blob (newlines escaped), byte for byte. */
function asBlobText(contents: string): string {
  return contents.replace(/\n/g, '\\n');
}

/**
 * Writes the pthread worker script, patched to load the threaded module from its file instead of
 * a `blob:` URL, to the temp folder under a content-hashed name (written atomically, so parallel
 * processes share it safely). Returns its path.
 */
export function writeWorkerScript(build: ThreadedBuild): string {
  const patched = asBlobText(build.workerContents.replace(BLOB_IMPORT, `importScripts(${JSON.stringify(build.mainScript)});`));
  const hash = createHash('sha256').update(patched).digest('hex').slice(0, 16);
  const file = join(os.tmpdir(), `pretext-tfjs-wasm-worker-${hash}.js`);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== patched) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, patched);
    renameSync(tmp, file);
  }
  return file;
}

// Global markers, so a second copy of this module does not stack a second interception.
const URL_HOOK = Symbol.for('pretext.wasmWorkerUrlHook');
const CPUS_HOOK = Symbol.for('pretext.wasmCpusHook');

type Hooked<F> = F & { [URL_HOOK]?: { workerFile: string; size: number }; [CPUS_HOOK]?: { minCores: number } };

/**
 * Makes `URL.createObjectURL` return the worker script's file path for the worker Blob tfjs
 * creates (recognised by type and exact size); every other Blob goes to Node's own function.
 * Node's `Worker` accepts the path, where it rejects `blob:` URLs (ERR_WORKER_PATH).
 */
export function redirectWorkerBlob(build: ThreadedBuild, workerFile: string): void {
  const size = Buffer.byteLength(asBlobText(build.workerContents));
  const current = URL.createObjectURL as Hooked<typeof URL.createObjectURL>;
  const hook = current[URL_HOOK];
  if (hook) {
    hook.workerFile = workerFile;
    hook.size = size;
    return;
  }
  const state = { workerFile, size };
  const redirect = ((blob: Blob) =>
    blob instanceof Blob && blob.type === 'application/javascript' && blob.size === state.size
      ? state.workerFile
      : current.call(URL, blob)) as Hooked<typeof URL.createObjectURL>;
  redirect[URL_HOOK] = state;
  URL.createObjectURL = redirect;
}

/**
 * The wasm module sizes XNNPACK's thread pool as at most half the cores it sees
 * (`emscripten_num_logical_cores`, i.e. `os.cpus().length` in Node). Reports at least
 * `minCores` to that one caller (recognised on the stack), so `threads` can be honoured on a
 * machine with fewer than `2 × threads` cores; every other caller sees the real list.
 */
export function reportCoresToWasm(minCores: number): void {
  const current = os.cpus as Hooked<typeof os.cpus>;
  const hook = current[CPUS_HOOK];
  if (hook) {
    hook.minCores = minCores;
    return;
  }
  const state = { minCores };
  const cpus = (() => {
    const real = current.call(os);
    if (real.length >= state.minCores || real.length === 0) return real;
    if (!new Error().stack?.includes('_emscripten_num_logical_cores')) return real;
    return [...real, ...Array.from({ length: state.minCores - real.length }, () => real[0]!)];
  }) as Hooked<typeof os.cpus>;
  cpus[CPUS_HOOK] = state;
  os.cpus = cpus;
}
