import { writeFileAtomic } from '@pretext/core';

/**
 * Encodes a float32 matrix as a NumPy `.npy` file (format 1.0: magic, header dict padded with
 * spaces to a multiple of 64 bytes and ending in a newline, then little-endian `<f4` data, C order).
 */
export function encodeNpy(values: Float32Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`encodeNpy: shape [${shape.join(', ')}] holds ${count} values, got ${values.length}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += `${' '.repeat(pad % 64)}\n`;
  const out = new Uint8Array(10 + header.length + values.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const data = new DataView(out.buffer, 10 + header.length);
  values.forEach((v, i) => data.setFloat32(i * 4, v, true));
  return out;
}

/** Writes a float32 matrix to `file` as `.npy` (atomically). */
export async function writeNpy(file: string, values: Float32Array, shape: readonly number[]): Promise<void> {
  await writeFileAtomic(file, encodeNpy(values, shape));
}
