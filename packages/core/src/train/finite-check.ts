import * as tf from '@tensorflow/tfjs';

/**
 * The name of the first tensor holding a NaN or ±Inf, or `undefined` when all values are finite.
 * Checks on the device and reads back one boolean per tensor.
 */
export async function firstNonFinite(
  tensors: ReadonlyArray<{ readonly name: string; readonly tensor: tf.Tensor }>,
): Promise<string | undefined> {
  const floats = tensors.filter((t) => t.tensor.dtype === 'float32');
  if (floats.length === 0) return undefined;
  const flags = tf.tidy(() => tf.stack(floats.map((t) => tf.all(tf.isFinite(t.tensor)).cast('int32'))));
  const values = await flags.data();
  flags.dispose();
  const bad = values.findIndex((v) => v === 0);
  return bad < 0 ? undefined : floats[bad]!.name;
}
