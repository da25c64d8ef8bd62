import * as tf from '@tensorflow/tfjs';
import { describe } from 'vitest';
import { compareWithCpu, randn } from './compare-with-cpu.js';

describe('Einsum (forward) on wasm matches cpu', () => {
  compareWithCpu([
    { name: "einsum 'bij,bjk->bik'", run: () => [tf.einsum('bij,bjk->bik', randn([2, 3, 4], 1), randn([2, 4, 5], 2))] },
    { name: "einsum 'bhqd,bhkd->bhqk' (attention scores)", run: () => [tf.einsum('bhqd,bhkd->bhqk', randn([2, 2, 5, 3], 3), randn([2, 2, 6, 3], 4))] },
    { name: "einsum 'ij->ji'", run: () => [tf.einsum('ij->ji', randn([3, 4], 5))] },
    { name: "einsum 'i,i->' (dot)", run: () => [tf.einsum('i,i->', randn([7], 6), randn([7], 7))] },
    { name: "einsum 'ij,j->i'", run: () => [tf.einsum('ij,j->i', randn([3, 5], 8), randn([5], 9))] },
  ]);
});
