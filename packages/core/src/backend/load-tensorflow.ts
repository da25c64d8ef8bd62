import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { firstLine, type LoadedBackend } from './loaded-backend.js';

const require = createRequire(import.meta.url);

/** The libtensorflow bindings, best first. Both are optional dependencies of `@pretext/core`. */
export const TENSORFLOW_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/**
 * Loads tfjs-node-gpu, else tfjs-node, and activates its `tensorflow` backend.
 * Throws with every package's reason when neither loads (typically: libtensorflow was never
 * downloaded because the install had no internet, or CUDA libraries are missing).
 */
export async function loadTensorflow(): Promise<LoadedBackend> {
  const reasons: string[] = [];
  for (const pkg of TENSORFLOW_PACKAGES) {
    const missing = missingBinding(pkg);
    if (missing) {
      reasons.push(`${pkg}: ${missing}`);
      continue;
    }
    try {
      require(pkg);
      if (!(await tf.setBackend('tensorflow'))) throw new Error('setBackend("tensorflow") returned false');
      const version = (require(`${pkg}/package.json`) as { version: string }).version;
      return { tfBackend: 'tensorflow', package: pkg, versions: { [pkg]: version }, adapters: [], details: {} };
    } catch (e) {
      reasons.push(`${pkg}: ${describeNodeFailure(e)}`);
      // A package that failed half-way leaves its kernels registered: clear them for the next one.
      for (const k of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(k.kernelName, 'tensorflow');
      if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
    }
  }
  throw new Error(reasons.join('; '));
}

/** Why `pkg` cannot load without trying (not installed, or its native binding was never downloaded). */
function missingBinding(pkg: string): string | undefined {
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return 'not installed';
  }
  const lib = join(root, 'lib');
  const found = existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
  return found ? undefined : 'installed without its native binding (its install script downloads libtensorflow, which failed or was skipped; run `npm rebuild ' + pkg + '` with internet access)';
}

function describeNodeFailure(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'MODULE_NOT_FOUND' && /Cannot find module '@tensorflow\/tfjs-node/.test(firstLine(e))) {
    return 'not installed';
  }
  const line = firstLine(e);
  if (/tfjs_binding\.node|libtensorflow/.test(line)) {
    return `native binding missing (its install script could not download libtensorflow): ${line}`;
  }
  return line;
}
