import { endianness } from 'node:os';
import { TensorBundleError } from './tensor-bundle-error.js';

/*
 * Layout of a Pretext tensor bundle (all integers little-endian):
 *
 *   offset 0   magic        8 bytes  0x89 'P' 'T' 'B' '\r' '\n' 0x1a '\n' (PNG-style: catches
 *                                    text-mode and 7-bit transfers)
 *   offset 8   version      u32      BUNDLE_VERSION
 *   offset 12  headerLength u32      bytes of the JSON header
 *   offset 16  dataLength   u64      bytes of the tensor data
 *   offset 24  header       JSON (UTF-8): { meta, tensors: [{ name, dtype, shape, offset, byteLength }] }
 *   ...        data         raw little-endian tensor values; `offset` is relative to the data start
 *   ...        checksum     32 bytes: sha256 of everything before it (prefix, header and data)
 */

/** The 8 magic bytes that open every bundle. */
export const BUNDLE_MAGIC = Uint8Array.of(0x89, 0x50, 0x54, 0x42, 0x0d, 0x0a, 0x1a, 0x0a);
/** Format version written by this code; readers refuse other versions. */
export const BUNDLE_VERSION = 1;
/** Bytes before the JSON header: magic, version, header length, data length. */
export const PREFIX_BYTES = 24;
/** Bytes of the trailing sha256 checksum. */
export const CHECKSUM_BYTES = 32;

/** Tensor dtypes a bundle can hold. */
export type BundleDtype = 'float32' | 'int32' | 'bool';

/** Bytes per element of each bundle dtype (bool is stored as one byte, 0 or 1). */
export const BYTES_PER_ELEMENT: Readonly<Record<BundleDtype, number>> = { float32: 4, int32: 4, bool: 1 };

/** One tensor's entry in the JSON header. */
export interface BundleEntry {
  readonly name: string;
  readonly dtype: BundleDtype;
  readonly shape: readonly number[];
  /** Byte offset of the values, relative to the start of the data section. */
  readonly offset: number;
  readonly byteLength: number;
}

/** The JSON header of a bundle. */
export interface BundleHeader {
  readonly meta: Record<string, unknown>;
  readonly tensors: readonly BundleEntry[];
}

/** Whether `d` is a dtype a bundle can hold. */
export function isBundleDtype(d: unknown): d is BundleDtype {
  return d === 'float32' || d === 'int32' || d === 'bool';
}

/** Encodes the fixed-size prefix. */
export function encodePrefix(headerLength: number, dataLength: number): Uint8Array {
  const prefix = new Uint8Array(PREFIX_BYTES);
  prefix.set(BUNDLE_MAGIC, 0);
  const view = new DataView(prefix.buffer);
  view.setUint32(8, BUNDLE_VERSION, true);
  view.setUint32(12, headerLength, true);
  view.setBigUint64(16, BigInt(dataLength), true);
  return prefix;
}

/** Whether typed-array bytes are already little-endian on this machine. */
export const HOST_IS_LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Converts between host order and the bundle's little-endian order for 4-byte dtypes
 * (an involution: the same call converts both ways). Returns the input on little-endian hosts.
 */
export function toFromLittleEndian(bytes: Uint8Array, bytesPerElement: number): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN || bytesPerElement === 1) return bytes;
  const copy = Buffer.from(bytes);
  copy.swap32();
  return copy;
}

/** Number of elements of a shape (1 for a scalar). */
export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Parses and validates the JSON header of `file` against the data-section length, so that every
 * entry names a supported dtype, a valid shape whose size matches its byte length, and a byte
 * range inside the data section. Throws {@link TensorBundleError} naming the problem.
 */
export function parseHeader(file: string, headerBytes: Uint8Array, dataLength: number): BundleHeader {
  const bad = (problem: string): TensorBundleError =>
    new TensorBundleError(file, `tensor bundle ${file} has an invalid header: ${problem}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (e) {
    throw bad(`not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(parsed)) throw bad('not a JSON object');
  if (!isPlainObject(parsed.meta)) throw bad('"meta" is not a JSON object');
  if (!Array.isArray(parsed.tensors)) throw bad('"tensors" is not an array');
  const names = new Set<string>();
  const tensors = parsed.tensors.map((raw: unknown, i: number): BundleEntry => {
    if (!isPlainObject(raw)) throw bad(`tensors[${i}] is not an object`);
    const { name, dtype, shape, offset, byteLength } = raw;
    if (typeof name !== 'string' || name === '') throw bad(`tensors[${i}].name is not a non-empty string`);
    const where = `tensor '${name}'`;
    if (names.has(name)) throw bad(`${where} appears twice`);
    names.add(name);
    if (!isBundleDtype(dtype)) throw bad(`${where} has unsupported dtype ${JSON.stringify(dtype)} (float32, int32 or bool)`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw bad(`${where} has shape ${JSON.stringify(shape)}, not a list of non-negative integers`);
    }
    if (!Number.isSafeInteger(offset) || (offset as number) < 0) throw bad(`${where} has invalid offset ${JSON.stringify(offset)}`);
    if (!Number.isSafeInteger(byteLength) || (byteLength as number) < 0) {
      throw bad(`${where} has invalid byteLength ${JSON.stringify(byteLength)}`);
    }
    const expected = sizeOfShape(shape as number[]) * BYTES_PER_ELEMENT[dtype];
    if (!Number.isSafeInteger(expected) || expected !== byteLength) {
      throw bad(`${where} of shape [${(shape as number[]).join(', ')}] and dtype ${dtype} needs ${expected} bytes but its byteLength is ${byteLength}`);
    }
    if ((offset as number) + (byteLength as number) > dataLength) {
      throw bad(`${where} spans bytes ${offset}..${(offset as number) + (byteLength as number)} of a ${dataLength}-byte data section`);
    }
    return { name, dtype, shape: shape as number[], offset: offset as number, byteLength: byteLength as number };
  });
  return { meta: parsed.meta, tensors };
}

/** Whether `x` is a non-null, non-array object (what JSON.parse yields for `{…}`). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
