import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { ModelIOError } from './model-io-error.js';
import { artifactsFor, expectedWeightBytes } from './model-json.js';

const DTYPES = new Set(['float32', 'int32', 'bool', 'string', 'complex64']);

/**
 * Reads a tfjs model.json and the weight files its manifest lists (paths relative to the
 * model.json's directory), validating the JSON, each manifest entry, and that every weight group's
 * files hold exactly the bytes its weight specs need. Errors name the offending file.
 */
export async function readModelFiles(jsonPath: string): Promise<tf.io.ModelArtifacts> {
  const json = parseModelJson(jsonPath, await readOrExplain(jsonPath, 'model file'));
  const dir = dirname(jsonPath);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const [g, group] of json.weightsManifest.entries()) {
    const files = group.paths.map((p) => join(dir, safeRelative(jsonPath, p)));
    const datas = [];
    for (const f of files) datas.push(await readOrExplain(f, `weights file (listed in ${jsonPath})`));
    const found = datas.reduce((s, d) => s + d.byteLength, 0);
    const expected = expectedWeightBytes(group.weights);
    if (expected !== undefined && expected !== found) {
      const which = files.length === 1 ? files[0]! : `${files.join(', ')} (weight group ${g + 1})`;
      throw new ModelIOError(
        files[0] ?? jsonPath,
        `weights file ${which} holds ${found} bytes but the weight specs in ${jsonPath} need ${expected} bytes (truncated, or from another model?)`,
      );
    }
    specs.push(...group.weights);
    for (const d of datas) buffers.push(ownArrayBuffer(d));
  }
  return artifactsFor(json, specs, buffers.length === 1 ? buffers[0]! : buffers);
}

/** Parses and validates the structure of a model.json. */
export function parseModelJson(file: string, bytes: Uint8Array): tf.io.ModelJSON & { weightsManifest: tf.io.WeightsManifestConfig } {
  const bad = (problem: string): ModelIOError => new ModelIOError(file, `${file} is not a valid tfjs model.json: ${problem}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw bad(`invalid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('not a JSON object');
  const obj = parsed as Record<string, unknown>;
  if (typeof obj.modelTopology !== 'object' || obj.modelTopology === null) throw bad('"modelTopology" is missing');
  const manifest = obj.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw bad('"weightsManifest" is not an array');
  manifest.forEach((group: unknown, g: number) => {
    const where = `weightsManifest[${g}]`;
    if (typeof group !== 'object' || group === null) throw bad(`${where} is not an object`);
    const { paths, weights } = group as Record<string, unknown>;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p !== '')) {
      throw bad(`${where}.paths is not a list of file names`);
    }
    if (!Array.isArray(weights)) throw bad(`${where}.weights is not an array`);
    weights.forEach((w: unknown, i: number) => {
      const spec = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
      const shape = spec.shape;
      if (typeof spec.name !== 'string') throw bad(`${where}.weights[${i}] has no name`);
      if (!DTYPES.has(spec.dtype as string)) throw bad(`weight '${spec.name}' has unsupported dtype ${JSON.stringify(spec.dtype)}`);
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
        throw bad(`weight '${spec.name}' has invalid shape ${JSON.stringify(shape)}`);
      }
    });
  });
  return { ...(obj as unknown as tf.io.ModelJSON), weightsManifest: manifest as tf.io.WeightsManifestConfig };
}

/** Reads a file; a missing or unreadable one becomes a {@link ModelIOError} naming it. */
export async function readOrExplain(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
    throw new ModelIOError(file, `${what} ${file} ${why}`, { cause: e });
  }
}

/** A manifest path, refused when it is absolute, a URL, or escapes the model.json's directory. */
function safeRelative(jsonPath: string, p: string): string {
  const n = normalize(p);
  if (isAbsolute(n) || /^[a-z][a-z0-9+.-]*:/i.test(p) || n === '..' || n.startsWith(`..${sep}`)) {
    throw new ModelIOError(jsonPath, `${jsonPath} lists weights path '${p}', which is not inside its directory`);
  }
  return n;
}

/** An ArrayBuffer holding exactly the bytes of `b` (copied only when `b` is a view into a larger one). */
function ownArrayBuffer(b: Buffer): ArrayBuffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return b.buffer;
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
