import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../src/index.js';

// Its own file: a fresh process in which wasm (whose loader also registers the fixes) never loads.
describe('initBackend', () => {
  it("registers Pretext's gradient fixes on every backend, not only wasm", async () => {
    await initBackend({ prefer: 'cpu', strict: true, env: {} });
    // tfjs-core's own matMul gradient throws when batch dimensions broadcast.
    const [ga, gb] = tf.tidy(() => {
      const a = tf.ones([4, 5, 7]);
      const b = tf.ones([7, 3]);
      return tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y)))([a, b]);
    });
    expect(ga!.shape).toEqual([4, 5, 7]);
    expect(gb!.shape).toEqual([7, 3]);
    expect(Array.from(await ga!.data()).every((v) => v === 3)).toBe(true); // each a[i,j,k] meets 3 columns of ones
    expect(Array.from(await gb!.data()).every((v) => v === 20)).toBe(true); // each b[k,n] meets 4·5 rows of ones
    tf.dispose([ga!, gb!]);
  });

});
