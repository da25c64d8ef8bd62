import * as tf from '@tensorflow/tfjs';

/**
 * Runs a forward and backward pass of a conv, a matmul and a gather on the active backend and
 * checks the numbers against values computed by hand. Throws if the backend computes wrong
 * values or lacks a training kernel. Reads with `data()` (webgpu in Node cannot `dataSync`).
 */
export async function smokeTest(): Promise<void> {
  const [y, dx, dw, de] = tf.tidy(() => {
    const x = tf.ones([1, 3, 3, 1]);
    const w = tf.ones([3, 3, 1, 1]);
    const conv = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, 1, 'same');
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv(a as tf.Tensor4D, b as tf.Tensor4D)));
    const [gx, gw] = g([x, w]);
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const ge = tf.grad((t: tf.Tensor) => tf.sum(tf.matMul(tf.gather(t, tf.tensor1d([2, 0, 2], 'int32')), tf.ones([2, 1]))))(table);
    return [conv(x as tf.Tensor4D, w as tf.Tensor4D), gx, gw, ge];
  });
  let values: ArrayLike<number>[];
  try {
    values = await Promise.all([y!.data(), dx!.data(), dw!.data(), de!.data()]);
  } finally {
    tf.dispose([y!, dx!, dw!, de!]);
  }
  const [yv, dxv, dwv, dev] = values as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  // 'same' 3x3 conv of ones: corners see 4 ones, edges 6, centre 9.
  expectValues('conv2d', yv, [4, 6, 4, 6, 9, 6, 4, 6, 4]);
  // d sum(conv)/dx: every input feeds as many outputs as the window counts above.
  expectValues('conv2d input gradient', dxv, [4, 6, 4, 6, 9, 6, 4, 6, 4]);
  // d sum(conv)/dw[i,j]: the number of outputs whose window tap (i,j) lands inside the image.
  expectValues('conv2d filter gradient', dwv, [4, 6, 4, 6, 9, 6, 4, 6, 4]);
  // gather rows 2,0,2: row 2 is used twice, row 0 once, row 1 never.
  expectValues('gather gradient', dev, [1, 1, 0, 0, 2, 2]);
}

function expectValues(what: string, got: ArrayLike<number>, want: number[]): void {
  const bad = want.findIndex((v, i) => !(Math.abs((got[i] ?? NaN) - v) <= 1e-4));
  if (got.length !== want.length || bad >= 0) {
    throw new Error(`smoke test: ${what} gave [${Array.from(got).join(', ')}], expected [${want.join(', ')}]`);
  }
}
