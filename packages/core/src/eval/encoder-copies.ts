import * as tf from '@tensorflow/tfjs';

/**
 * Builds a new, independent encoder with the architecture of the pre-trained one. It receives a
 * seed (from the protocol's `seed`) to seed its initialisers with; a zero-argument factory is
 * fine too. It must return a NEW model each call.
 */
export type EncoderFactory = (seed: number) => tf.LayersModel;

/**
 * A copy of `encoder` with the same weights that can be trained without touching the original:
 * built by `factory(seed)` when given, else from `encoder.toJSON()` (layers must be registered
 * for serialisation), then loaded with the original's weights (trainable and not). The caller
 * owns the copy.
 */
export async function cloneEncoder(
  encoder: tf.LayersModel,
  factory: EncoderFactory | undefined,
  seed: number,
  where: string,
): Promise<tf.LayersModel> {
  const copy = await buildArchitecture(encoder, factory, seed, where);
  try {
    const source = encoder.weights;
    const target = copy.weights;
    if (source.length !== target.length || source.some((w, i) => !sameShape(w.shape, target[i]!.shape))) {
      throw new Error(
        `${where}: the copied encoder's weights [${target.map((w) => `[${w.shape}]`).join(', ')}] ` +
          `do not match the encoder's [${source.map((w) => `[${w.shape}]`).join(', ')}]`,
      );
    }
    copy.setWeights(encoder.getWeights());
    return copy;
  } catch (e) {
    copy.dispose();
    throw e;
  }
}

/**
 * A freshly initialised encoder with `template`'s architecture (for training from scratch):
 * `factory(seed)` when given, else rebuilt from `template.toJSON()` with its configured (unseeded)
 * initialisers. Pass a factory with seeded initialisers for reproducible baselines.
 */
export async function freshEncoder(
  template: tf.LayersModel | undefined,
  factory: EncoderFactory | undefined,
  seed: number,
  where: string,
): Promise<tf.LayersModel> {
  if (!template && !factory) throw new Error(`${where}: pass an encoderFactory or an encoder whose architecture to copy`);
  return buildArchitecture(template, factory, seed, where);
}

async function buildArchitecture(
  template: tf.LayersModel | undefined,
  factory: EncoderFactory | undefined,
  seed: number,
  where: string,
): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  if (factory) {
    model = factory(seed);
    if (!(model instanceof tf.LayersModel)) throw new Error(`${where}: encoderFactory must return a tf.LayersModel`);
  } else {
    try {
      const json = template!.toJSON(null, false);
      model = await tf.models.modelFromJSON(json as Parameters<typeof tf.models.modelFromJSON>[0]);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new Error(`${where}: cannot rebuild the encoder from its JSON (${message}); pass options.encoderFactory`);
    }
  }
  if (template && (model === template || model.weights.some((w) => template.weights.some((t) => t.read() === w.read())))) {
    throw new Error(`${where}: encoderFactory returned the encoder itself (or shares its variables); it must build a new model`);
  }
  return model;
}

function sameShape(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
