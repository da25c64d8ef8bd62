import * as tf from '@tensorflow/tfjs';
import type { TrainingGradient } from './registration.js';

/** `dy` of a reduction, reshaped to keep the reduced axes (size 1) and broadcast back to `x`. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axis: number | number[], scale?: number): tf.Tensor {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const g = tf.reshape(scale === undefined ? dy : tf.div(dy, scale), kept);
  return tf.broadcastTo(g, x.shape);
}

/**
 * Gradients of `Sum` and `Mean` for every backend: the upstream gradient broadcast back over the
 * reduced axes with `broadcastTo` (one copy). tfjs-core multiplies it by `ones(x.shape)`, which
 * builds a full-size array in JavaScript and uploads it on every backward pass (~30 ms for a
 * 128×28×28×16 activation on wasm; every batch norm and global pooling layer pays it).
 */
export const sumGradient: TrainingGradient = {
  name: 'Sum',
  build: () => ({
    kernelName: 'Sum',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { axis } = attrs as unknown as tf.SumAttrs;
      return { x: () => broadcastBack(dy as tf.Tensor, x, axis) };
    },
  }),
};

/** See {@link sumGradient}; the mean also divides by the number of elements reduced. */
export const meanGradient: TrainingGradient = {
  name: 'Mean',
  build: () => ({
    kernelName: 'Mean',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { axis } = attrs as unknown as tf.MeanAttrs;
      const axes = tf.util.parseAxisParam(axis, x.shape);
      const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
      return { x: () => broadcastBack(dy as tf.Tensor, x, axes, count) };
    },
  }),
};
