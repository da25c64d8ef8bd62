import type * as tf from '@tensorflow/tfjs';
import { readTensorBundle, writeTensorBundle } from '../io/tensor-bundle.js';
import type { Objective } from '../objective/objective.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { Rng } from '../tensor/rng.js';
import { CheckpointError } from './checkpoint-error.js';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  parseCheckpointMeta,
  type CheckpointMeta,
  type CheckpointProgress,
} from './checkpoint-meta.js';
import { firstNonFinite } from './finite-check.js';
import { modelSignature, signatureMismatch } from './model-signature.js';

/** Everything a checkpoint saves and restores. */
export interface CheckpointTarget {
  readonly objective: Objective;
  /** The objective's trainable variables, in its order. */
  readonly trainable: readonly tf.Variable[];
  /** The objective's state variables, in its order. */
  readonly state: readonly tf.Variable[];
  /** Absent when only weights are loaded ({@link loadCheckpointWeights}). */
  readonly optimizer?: Optimizer;
  readonly rng?: Rng;
}

/**
 * Writes a checkpoint of `target` to `file` atomically (see `writeTensorBundle`).
 * The caller checks beforehand that the weights are finite.
 */
export async function writeCheckpoint(
  file: string,
  target: CheckpointTarget,
  run: { readonly trainer: Readonly<Record<string, unknown>>; readonly progress: CheckpointProgress },
): Promise<void> {
  if (!target.optimizer || !target.rng) throw new Error('writeCheckpoint: the target needs its optimizer and rng');
  const optimizer = target.optimizer;
  const opt = optimizer.getState();
  try {
    const tensors: Record<string, tf.Tensor> = {};
    target.trainable.forEach((v, i) => (tensors[`trainable/${i}`] = v));
    target.state.forEach((v, i) => (tensors[`state/${i}`] = v));
    for (const [key, slot] of Object.entries(opt.slots)) tensors[slotKeyOut(key, target.trainable)] = slot;
    const meta: CheckpointMeta = {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      createdAt: new Date().toISOString(),
      objective: { name: target.objective.name, config: target.objective.getConfig() },
      trainer: run.trainer,
      progress: run.progress,
      rng: target.rng.getState(),
      optimizer: { type: optimizer.config.type, iterations: opt.iterations },
      signature: modelSignature(target.trainable, target.state),
    };
    await writeTensorBundle(file, { meta: { ...meta }, tensors });
  } finally {
    for (const t of Object.values(opt.slots)) t.dispose();
  }
}

/**
 * Loads the weights (trainable and state variables) of a checkpoint into `objective`, e.g. to
 * evaluate or export a pre-trained encoder, after the same checks as a resume (nothing is assigned
 * when the checkpoint is refused).
 *
 * @example
 * ```ts
 * const meta = await readCheckpointMeta(file);
 * const objective = createObjective(meta.objective.name, meta.objective.config);
 * await loadCheckpointWeights(file, objective);
 * ```
 * @returns the checkpoint's metadata.
 * @throws CheckpointError naming the file and the problem.
 */
export async function loadCheckpointWeights(file: string, objective: Objective): Promise<CheckpointMeta> {
  return restoreCheckpoint(file, {
    objective,
    trainable: objective.trainableVariables(),
    state: objective.stateVariables?.() ?? [],
  });
}

/**
 * Reads and validates a checkpoint's metadata (the whole file is read and its checksum verified).
 * @throws CheckpointError naming the file and the problem.
 */
export async function readCheckpointMeta(file: string): Promise<CheckpointMeta> {
  const { meta, tensors } = await readBundle(file);
  for (const t of Object.values(tensors)) t.dispose();
  return meta;
}

/**
 * Restores `target` from a checkpoint. Everything is checked first — the file (checksum, length),
 * its metadata, the objective's name, the model signature, every tensor's presence, shape and
 * finiteness, the optimizer's kind and slots — and only then are variables assigned, so a refused
 * checkpoint leaves the model untouched.
 *
 * @returns the checkpoint's metadata.
 * @throws CheckpointError naming the file and the problem.
 */
export async function restoreCheckpoint(file: string, target: CheckpointTarget): Promise<CheckpointMeta> {
  const { meta, tensors } = await readBundle(file);
  try {
    const slots = validate(file, meta, tensors, target);
    const bad = await firstNonFinite(Object.entries(tensors).map(([name, tensor]) => ({ name, tensor })));
    if (bad !== undefined) throw new CheckpointError(file, `tensor '${bad}' holds NaN or Inf values`);
    target.optimizer?.setState({ iterations: meta.optimizer.iterations, slots });
    target.trainable.forEach((v, i) => v.assign(tensors[`trainable/${i}`]!));
    target.state.forEach((v, i) => v.assign(tensors[`state/${i}`]!));
    target.rng?.setState(meta.rng);
    return meta;
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

async function readBundle(file: string): Promise<{ meta: CheckpointMeta; tensors: Record<string, tf.Tensor> }> {
  let bundle: { meta: Record<string, unknown>; tensors: Record<string, tf.Tensor> };
  try {
    bundle = await readTensorBundle(file);
  } catch (e) {
    throw new CheckpointError(file, (e as Error).message, { cause: e });
  }
  const parsed = parseCheckpointMeta(bundle.meta);
  if (!parsed.ok) {
    for (const t of Object.values(bundle.tensors)) t.dispose();
    throw new CheckpointError(file, parsed.problem);
  }
  return { meta: parsed.meta, tensors: bundle.tensors };
}

/** Checks a checkpoint against the target; returns the optimizer slots renamed to the target's variables. */
function validate(
  file: string,
  meta: CheckpointMeta,
  tensors: Readonly<Record<string, tf.Tensor>>,
  target: CheckpointTarget,
): Record<string, tf.Tensor> {
  const fail = (problem: string): never => {
    throw new CheckpointError(file, problem);
  };
  if (meta.objective.name !== target.objective.name) {
    fail(`it was written by objective '${meta.objective.name}', this trainer runs '${target.objective.name}'`);
  }
  const mismatch = signatureMismatch(meta.signature, modelSignature(target.trainable, target.state));
  if (mismatch !== undefined) fail(`it was written by another model: ${mismatch}`);
  if (target.optimizer && meta.optimizer.type !== target.optimizer.config.type) {
    fail(`its optimizer state is ${meta.optimizer.type}'s, this trainer uses ${target.optimizer.config.type}`);
  }
  const expectShape = (key: string, v: tf.Variable): void => {
    const t = tensors[key];
    if (t === undefined) fail(`tensor '${key}' is missing`);
    else if (t.dtype !== v.dtype || t.shape.length !== v.shape.length || t.shape.some((d, k) => d !== v.shape[k])) {
      fail(`tensor '${key}' is ${t.dtype} [${t.shape.join(', ')}], variable '${v.name}' is ${v.dtype} [${v.shape.join(', ')}]`);
    }
  };
  target.trainable.forEach((v, i) => expectShape(`trainable/${i}`, v));
  target.state.forEach((v, i) => expectShape(`state/${i}`, v));
  const slots: Record<string, tf.Tensor> = {};
  for (const key of Object.keys(tensors)) {
    if (/^(trainable|state)\/\d+$/.test(key)) continue;
    const m = /^optimizer\/(\d+)\/([^/]+)$/.exec(key);
    const v = m ? target.trainable[Number(m[1])] : undefined;
    if (!m || v === undefined) return fail(`it holds an unexpected tensor '${key}'`);
    expectShape(key, v);
    slots[`${v.name}/${m[2]}`] = tensors[key]!;
  }
  return slots;
}

/** `${variable.name}/${slot}` (the optimizer's key) → `optimizer/<index>/<slot>` (the file's key). */
function slotKeyOut(key: string, trainable: readonly tf.Variable[]): string {
  for (let i = 0; i < trainable.length; i++) {
    const prefix = `${trainable[i]!.name}/`;
    if (key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) return `optimizer/${i}/${key.slice(prefix.length)}`;
  }
  throw new Error(`writeCheckpoint: optimizer slot '${key}' belongs to no trainable variable of the objective`);
}
