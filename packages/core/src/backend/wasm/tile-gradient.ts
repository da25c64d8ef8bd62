import * as tf from '@tensorflow/tfjs';
import type { TrainingGradient } from './registration.js';

/**
 * The axes of `dy` (shape `x.shape[i] * reps[i]`) written as `[reps[0], x.shape[0], reps[1], ...]`,
 * with size-1 axes dropped and neighbours of the same kind (repeat or data) merged: `shape` to
 * reshape `dy` to, and the repeat `axes` to sum it over.
 */
function repeatAxes(xShape: number[], reps: number[]): { shape: number[]; axes: number[] } {
  const shape: number[] = [];
  const isRep: boolean[] = [];
  const push = (size: number, rep: boolean): void => {
    if (size === 1) return;
    if (isRep.length > 0 && isRep[isRep.length - 1] === rep) shape[shape.length - 1]! *= size;
    else {
      shape.push(size);
      isRep.push(rep);
    }
  };
  xShape.forEach((d, i) => {
    push(reps[i]!, true);
    push(d, false);
  });
  return { shape, axes: isRep.flatMap((rep, i) => (rep ? [i] : [])) };
}

/**
 * Gradient of `Tile` (`tf.tile`; `tf.layers.layerNormalization` tiles its gamma and beta to the
 * input's shape) for every backend: `dy` reshaped so that each repeat gets its own axis, summed
 * over those axes (one reduction). tfjs-core adds one `slice` of `dy` per repeat — 2 × 6272 slices
 * and adds for a layer norm on `[128, 49, 32]` (~0.3–0.7 s a step on wasm) — and has no gradient
 * for rank > 4.
 */
export const tileGradient: TrainingGradient = {
  name: 'Tile',
  build: () => ({
    kernelName: 'Tile',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { reps } = attrs as unknown as tf.TileAttrs;
      return {
        x: () => {
          const g = dy as tf.Tensor;
          const { shape, axes } = repeatAxes(x.shape, reps);
          if (axes.length === 0) return tf.reshape(g, x.shape);
          return tf.reshape(tf.sum(tf.reshape(g, shape), axes), x.shape);
        },
      };
    },
  }),
};
