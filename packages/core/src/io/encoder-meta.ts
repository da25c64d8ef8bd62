import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { ModelIOError } from './model-io-error.js';
import { PRETEXT_VERSION } from './pretext-version.js';
import { readOrExplain } from './read-model-files.js';

/** Name of the metadata file that {@link saveEncoder} writes beside model.json. */
export const ENCODER_META_FILE = 'pretext.json';

/** A tensor shape with `null` for unknown dimensions (the batch). */
export type SymbolicShape = readonly (number | null)[];

/** What {@link saveEncoder} records beside an encoder's model.json. */
export interface EncoderMeta {
  readonly format: 'pretext-encoder';
  readonly formatVersion: 1;
  /** Version of `@pretext/core` that saved it. */
  readonly pretextVersion: string;
  /** Version of TensorFlow.js that saved it. */
  readonly tfjsVersion: string;
  /** Shape of the encoder's (first) input, batch dimension `null`. */
  readonly inputShape: SymbolicShape;
  /** Shapes of all inputs (one for nearly every encoder). */
  readonly inputShapes: readonly SymbolicShape[];
  /** Last dimension of the (first) output: the embedding size; null when unknown. */
  readonly embeddingDim: number | null;
  /** Registered name of the objective that trained it, when known. */
  readonly objective: string | null;
  /** Free JSON metadata supplied by the user. */
  readonly user: Readonly<Record<string, unknown>>;
  /** sha256 (hex) of each model file as saved, so a load detects files from different saves. */
  readonly files: Readonly<Record<string, string>>;
}

/** What the caller of {@link saveEncoder} may add to the metadata. */
export interface EncoderMetaInput {
  /** Registered name of the objective that trained the encoder. */
  readonly objective?: string;
  /** Free JSON-serializable metadata (dataset, run id, notes…). */
  readonly user?: Readonly<Record<string, unknown>>;
}

const shape = z.array(z.number().int().nonnegative().nullable());

const metaSchema = z.object({
  format: z.literal('pretext-encoder'),
  formatVersion: z.literal(1),
  pretextVersion: z.string(),
  tfjsVersion: z.string(),
  inputShape: shape,
  inputShapes: z.array(shape).min(1),
  embeddingDim: z.number().int().nonnegative().nullable(),
  objective: z.string().nullable(),
  user: z.record(z.string(), z.unknown()),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

/** The shapes of a model's inputs, as `null`-for-unknown lists. */
export function inputShapesOf(model: tf.LayersModel): SymbolicShape[] {
  return model.inputs.map((t) => t.shape.map((d) => d ?? null));
}

/** Builds the metadata of `model` (file digests filled in by the caller). */
export function encoderMetaFor(model: tf.LayersModel, input: EncoderMetaInput, files: Record<string, string>): EncoderMeta {
  const inputShapes = inputShapesOf(model);
  const out = model.outputs[0]?.shape;
  const last = out && out.length > 1 ? out[out.length - 1] : null;
  return {
    format: 'pretext-encoder',
    formatVersion: 1,
    pretextVersion: PRETEXT_VERSION,
    tfjsVersion: tf.version.tfjs,
    inputShape: inputShapes[0] ?? [],
    inputShapes,
    embeddingDim: last ?? null,
    objective: input.objective ?? null,
    user: { ...(input.user ?? {}) },
    files,
  };
}

/**
 * Reads and validates the {@link EncoderMeta} that {@link saveEncoder} wrote in `dir`.
 *
 * @throws ModelIOError naming `pretext.json` when it is missing, not JSON, or not encoder metadata.
 */
export async function readEncoderMeta(dir: string): Promise<EncoderMeta> {
  const file = join(dir, ENCODER_META_FILE);
  const bytes = await readOrExplain(file, 'encoder metadata');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new ModelIOError(file, `encoder metadata ${file} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const result = metaSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ModelIOError(file, `encoder metadata ${file} is invalid: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
