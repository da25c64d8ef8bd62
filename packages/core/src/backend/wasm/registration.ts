import * as tf from '@tensorflow/tfjs';

/** A kernel Pretext registers on `wasm`, replacing the stock one when there is one. */
export interface TrainingKernel {
  readonly name: string;
  /** Whether the kernel honours a `dilations` attribute (the depthwise gradients use it). */
  readonly handlesDilations?: boolean;
  /** Builds the kernel function; `original` is the stock wasm kernel it replaces, if any. */
  build(original: tf.KernelConfig | undefined): tf.KernelFunc;
}

/** A gradient Pretext registers for every backend, replacing tfjs-core's. */
export interface TrainingGradient {
  readonly name: string;
  /** Builds the gradient; `original` is tfjs-core's, for the cases it gets right. */
  build(original: tf.GradConfig | undefined): tf.GradConfig;
}

// A global symbol, so a second copy of this module still recognises what the first installed.
const MARK = Symbol.for('pretext.trainingKernel');

interface Mark {
  readonly label: string;
  readonly handlesDilations: boolean;
}

type Marked = { [MARK]?: Mark };

function markOf(f: unknown): Mark | undefined {
  return f ? (f as Marked)[MARK] : undefined;
}

function mark<T extends object>(f: T, m: Mark): T {
  Object.defineProperty(f, MARK, { value: m, enumerable: false });
  return f;
}

/**
 * Registers `k` on the `wasm` backend, keeping the stock kernel's setup/dispose functions.
 * Idempotent: a kernel already installed by Pretext is left as it is (never wrapped twice).
 * Returns the label the backend report shows (`Name` or `Name (override)`).
 */
export function installKernel(k: TrainingKernel): string {
  const current = tf.getKernel(k.name, 'wasm') as tf.KernelConfig | undefined;
  const installed = markOf(current?.kernelFunc);
  if (installed) return installed.label;
  const label = current ? `${k.name} (override)` : k.name;
  const kernelFunc = mark(k.build(current), { label, handlesDilations: k.handlesDilations ?? false });
  if (current) tf.unregisterKernel(k.name, 'wasm');
  tf.registerKernel({
    kernelName: k.name,
    backendName: 'wasm',
    kernelFunc,
    ...(current?.setupFunc ? { setupFunc: current.setupFunc } : {}),
    ...(current?.disposeFunc ? { disposeFunc: current.disposeFunc } : {}),
  });
  return label;
}

/** Registers gradient `g` globally (all backends). Idempotent like {@link installKernel}. */
export function installGradient(g: TrainingGradient): string {
  const label = `${g.name} (gradient)`;
  const current = tf.getGradient(g.name) as tf.GradConfig | undefined;
  if (markOf(current?.gradFunc)) return label;
  const config = g.build(current);
  mark(config.gradFunc, { label, handlesDilations: false });
  if (current) tf.unregisterGradient(g.name);
  tf.registerGradient(config);
  return label;
}

/**
 * Whether the kernel `name` registered for `backendName` is a Pretext kernel that honours
 * `dilations` (tfjs's own depthwise backprop kernels ignore it on cpu).
 */
export function kernelHandlesDilations(name: string, backendName: string): boolean {
  const k = tf.getKernel(name, backendName) as tf.KernelConfig | undefined;
  return markOf(k?.kernelFunc)?.handlesDilations ?? false;
}
