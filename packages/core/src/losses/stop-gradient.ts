import * as tf from '@tensorflow/tfjs';

/**
 * Identity in the forward pass, zero gradient in the backward pass: TensorFlow.js has no
 * `stop_gradient` / `detach`, so losses that regress onto a target (BYOL, SimSiam, DINO) use this
 * to treat the target as a constant.
 *
 * The gradient reaching the inputs of `x` is a tensor of zeros, not an absent gradient: variables
 * that only feed `x` (e.g. a momentum/EMA target network) still appear in `tf.variableGrads` with
 * zero gradients. Keep such variables non-trainable or out of the optimizer's variable list, or
 * an optimizer with weight decay or momentum will still move them.
 *
 * @param x - any float tensor.
 * @returns a copy of `x` that blocks gradients.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  // customGrad passes the inputs followed by a save function; only the tensor is used.
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }));
  return op(x) as T;
}
