import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { simplifyTranspose } from '../../src/backend/wasm/transpose.js';
import { compareWithCpu, randn, valueAndGrads } from './compare-with-cpu.js';

describe('simplifyTranspose', () => {
  test('drops size-1 axes and merges axes that stay adjacent', () => {
    expect(simplifyTranspose([2, 3, 4, 5], [0, 1, 3, 2])).toEqual({ shape: [6, 4, 5], perm: [0, 2, 1] });
    expect(simplifyTranspose([2, 1, 4, 5], [1, 0, 3, 2])).toEqual({ shape: [2, 4, 5], perm: [0, 2, 1] });
    expect(simplifyTranspose([8, 7, 3, 4, 2], [2, 0, 3, 1, 4])).toEqual({ shape: [8, 7, 3, 4, 2], perm: [2, 0, 3, 1, 4] });
    expect(simplifyTranspose([2, 3], [0, 1])).toEqual({ shape: [6], perm: [0] });
  });
});

describe('Transpose on wasm matches cpu (value and gradient), rank 5 and 6 included', () => {
  compareWithCpu([
    { name: 'rank 5: fused attention projection [B,T,3,H,d] → [3,B,H,T,d]', run: () => valueAndGrads((x) => tf.mul(tf.transpose(x, [2, 0, 3, 1, 4]), 1.5), [randn([3, 5, 3, 2, 4], 1)]) },
    { name: 'rank 5 back: [3,B,H,T,d] → [B,T,3,H,d]', run: () => valueAndGrads((x) => tf.transpose(x, [1, 3, 0, 2, 4]), [randn([3, 2, 4, 5, 3], 2)]) },
    { name: 'rank 6 reversed', run: () => valueAndGrads((x) => tf.transpose(x, [5, 4, 3, 2, 1, 0]), [randn([2, 3, 2, 3, 2, 2], 3)]) },
    { name: 'rank 5 that collapses to rank 3', run: () => valueAndGrads((x) => tf.transpose(x, [0, 1, 4, 2, 3]), [randn([2, 3, 4, 1, 5], 4)]) },
    { name: 'rank 4 (stock kernel)', run: () => valueAndGrads((x) => tf.transpose(x, [0, 2, 1, 3]), [randn([2, 3, 4, 5], 5)]) },
    { name: 'rank 5 int32', run: () => [tf.cast(tf.transpose(tf.range(0, 120, 1, 'int32').reshape([2, 3, 2, 5, 2]), [4, 2, 0, 3, 1]), 'float32')] },
  ]);
});
