import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from './atomic-write.js';
import {
  BUNDLE_MAGIC,
  BUNDLE_VERSION,
  BYTES_PER_ELEMENT,
  CHECKSUM_BYTES,
  PREFIX_BYTES,
  encodePrefix,
  isBundleDtype,
  isPlainObject,
  parseHeader,
  sizeOfShape,
  toFromLittleEndian,
  type BundleEntry,
} from './bundle-format.js';
import { TensorBundleError } from './tensor-bundle-error.js';

export { TensorBundleError } from './tensor-bundle-error.js';

/** Free JSON metadata and named tensors (float32, int32 or bool): what a tensor bundle holds. */
export interface TensorBundle {
  readonly meta: Record<string, unknown>;
  readonly tensors: Record<string, tf.Tensor>;
}

/**
 * Writes `meta` and `tensors` to one binary file: magic and version, a JSON header (the meta and,
 * per tensor, its name, dtype, shape, byte offset and length), the raw little-endian values and a
 * sha256 checksum. The write is atomic (temporary file, fsync, rename, directory fsync), so a
 * crash or Ctrl-C leaves either the previous file or the complete new one. Values are read with
 * `await t.data()` one tensor at a time; the tensors are not disposed.
 *
 * @param file Target path; its directory must exist.
 * @param bundle `meta` must be JSON-serializable (as `JSON.stringify` writes it); tensor names must
 *   be non-empty; dtypes float32, int32 or bool.
 * @throws TensorBundleError naming the file and the offending tensor or meta.
 */
export async function writeTensorBundle(
  file: string,
  bundle: { meta: Record<string, unknown>; tensors: Record<string, tf.Tensor> },
): Promise<void> {
  const fail = (problem: string, cause?: unknown): TensorBundleError =>
    new TensorBundleError(file, `cannot write tensor bundle ${file}: ${problem}`, cause === undefined ? undefined : { cause });
  if (!isPlainObject(bundle.meta)) throw fail('meta is not a plain object');
  let metaJson: string;
  try {
    metaJson = JSON.stringify(bundle.meta);
  } catch (e) {
    throw fail(`meta is not JSON-serializable (${(e as Error).message})`, e);
  }
  const entries: BundleEntry[] = [];
  const sources: tf.Tensor[] = [];
  let dataLength = 0;
  for (const [name, t] of Object.entries(bundle.tensors)) {
    if (name === '') throw fail('a tensor has an empty name');
    if (!(t instanceof tf.Tensor)) throw fail(`tensors['${name}'] is not a tf.Tensor`);
    if (t.isDisposed) throw fail(`tensor '${name}' is disposed`);
    if (!isBundleDtype(t.dtype)) throw fail(`tensor '${name}' has dtype ${t.dtype}; bundles hold float32, int32 and bool`);
    const byteLength = t.size * BYTES_PER_ELEMENT[t.dtype];
    entries.push({ name, dtype: t.dtype, shape: [...t.shape], offset: dataLength, byteLength });
    sources.push(t);
    dataLength += byteLength;
  }
  const headerJson = `{"meta":${metaJson},"tensors":${JSON.stringify(entries)}}`;
  const header = Buffer.from(headerJson, 'utf8');
  if (header.byteLength > 0xffffffff) throw fail(`header is ${header.byteLength} bytes (the limit is 4 GiB)`);

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const hash = createHash('sha256');
    const emit = (bytes: Uint8Array): Uint8Array => {
      hash.update(bytes);
      return bytes;
    };
    yield emit(encodePrefix(header.byteLength, dataLength));
    yield emit(header);
    for (let i = 0; i < sources.length; i++) {
      const bytes = asBytes(await sources[i]!.data(), entries[i]!.dtype);
      if (bytes.byteLength !== entries[i]!.byteLength) {
        throw fail(`tensor '${entries[i]!.name}' returned ${bytes.byteLength} bytes of data, expected ${entries[i]!.byteLength}`);
      }
      yield emit(toFromLittleEndian(bytes, BYTES_PER_ELEMENT[entries[i]!.dtype]));
    }
    yield hash.digest();
  }

  try {
    await writeFileAtomic(file, chunks());
  } catch (e) {
    if (e instanceof TensorBundleError) throw e;
    throw fail((e as Error).message, e);
  }
}

/**
 * Reads a file written by {@link writeTensorBundle}. Everything is validated before any tensor is
 * created: magic, version, lengths against the file size, the sha256 checksum, the header JSON,
 * and each tensor's dtype, shape and byte range. The caller owns (and must dispose) the tensors.
 *
 * @throws TensorBundleError naming the file and the problem, e.g. "… is truncated: expected N
 *   bytes, found M", "… is corrupt: checksum mismatch", "… is not a Pretext tensor bundle".
 */
export async function readTensorBundle(
  file: string,
): Promise<{ meta: Record<string, unknown>; tensors: Record<string, tf.Tensor> }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
    throw new TensorBundleError(file, `tensor bundle ${file} ${why}`, { cause: e });
  }
  const found = bytes.byteLength;
  const magicPart = bytes.subarray(0, BUNDLE_MAGIC.byteLength);
  if (!Buffer.from(BUNDLE_MAGIC).subarray(0, magicPart.byteLength).equals(magicPart)) {
    throw new TensorBundleError(file, `${file} is not a Pretext tensor bundle (its first bytes are not the bundle magic)`);
  }
  if (found < PREFIX_BYTES) throw truncated(file, `at least ${PREFIX_BYTES + CHECKSUM_BYTES}`, found);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== BUNDLE_VERSION) {
    throw new TensorBundleError(file, `tensor bundle ${file} has format version ${version}; this Pretext reads version ${BUNDLE_VERSION}`);
  }
  const headerLength = view.getUint32(12, true);
  const dataLength64 = view.getBigUint64(16, true);
  const expected = BigInt(PREFIX_BYTES + headerLength + CHECKSUM_BYTES) + dataLength64;
  if (expected > BigInt(found)) throw truncated(file, `${expected}`, found);
  if (expected < BigInt(found)) {
    throw new TensorBundleError(file, `tensor bundle ${file} has ${BigInt(found) - expected} unexpected trailing bytes: expected ${expected} bytes, found ${found}`);
  }
  const dataLength = Number(dataLength64);
  const payloadEnd = PREFIX_BYTES + headerLength + dataLength;
  const digest = createHash('sha256').update(bytes.subarray(0, payloadEnd)).digest();
  if (!digest.equals(bytes.subarray(payloadEnd))) {
    throw new TensorBundleError(file, `tensor bundle ${file} is corrupt: checksum mismatch (the file was modified or damaged after it was written)`);
  }
  const header = parseHeader(file, bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength), dataLength);
  const dataStart = PREFIX_BYTES + headerLength;
  const tensors: Record<string, tf.Tensor> = {};
  try {
    for (const e of header.tensors) {
      tensors[e.name] = makeTensor(bytes.subarray(dataStart + e.offset, dataStart + e.offset + e.byteLength), e);
    }
  } catch (err) {
    for (const t of Object.values(tensors)) t.dispose();
    throw new TensorBundleError(file, `tensor bundle ${file}: cannot create its tensors (${(err as Error).message})`, { cause: err });
  }
  return { meta: header.meta, tensors };
}

/** The bytes of a tensor's values in the bundle's element type (bool as one byte per element). */
function asBytes(values: tf.TypedArray, dtype: BundleEntry['dtype']): Uint8Array {
  const typed =
    dtype === 'float32' ? (values instanceof Float32Array ? values : Float32Array.from(values))
    : dtype === 'int32' ? (values instanceof Int32Array ? values : Int32Array.from(values))
    : values instanceof Uint8Array ? values : Uint8Array.from(values, (v) => (v ? 1 : 0));
  return new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
}

function makeTensor(raw: Uint8Array, e: BundleEntry): tf.Tensor {
  // Copy into a fresh, aligned buffer (the file buffer's offsets need not be 4-byte aligned).
  const own = new Uint8Array(raw.byteLength);
  own.set(toFromLittleEndian(raw, BYTES_PER_ELEMENT[e.dtype]));
  const n = sizeOfShape(e.shape);
  const values = e.dtype === 'float32' ? new Float32Array(own.buffer, 0, n) : e.dtype === 'int32' ? new Int32Array(own.buffer, 0, n) : own;
  return tf.tensor(values, [...e.shape], e.dtype);
}

function truncated(file: string, expected: string, found: number): TensorBundleError {
  return new TensorBundleError(file, `tensor bundle ${file} is truncated: expected ${expected} bytes, found ${found}`);
}
