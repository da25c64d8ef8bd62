import * as tf from '@tensorflow/tfjs';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/backend/init-backend.js';
import { DEFAULT_WASM_THREADS, enableWasmThreads } from '../../src/backend/wasm/wasm-threads.js';
import { evaluate, maxAbsDiff, randn, useCpu, valueAndGrads } from './compare-with-cpu.js';

// Runs in its own fork (vitest pool 'forks'): the wasm backend is not initialized before this file.
const convCase = () => valueAndGrads((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'), [randn([4, 12, 12, 8], 1), randn([3, 3, 8, 16], 2)]);
const matMulCase = () => valueAndGrads((a, b) => tf.matMul(a, b, false, true), [randn([6, 40, 32], 3), randn([6, 48, 32], 4)]);

describe('enableWasmThreads', () => {
  it('defaults to one thread and rejects counts that are not positive integers', () => {
    expect(DEFAULT_WASM_THREADS).toBe(1);
    expect(enableWasmThreads()).toEqual({ requested: 1 });
    expect(() => enableWasmThreads(0)).toThrow(/positive integer/);
    expect(() => enableWasmThreads(1.5)).toThrow(/positive integer/);
  });

  it('runs the threaded build with 2 threads in Node, computing what cpu computes', async () => {
    await useCpu();
    const want = [await evaluate(convCase), await evaluate(matMulCase)];
    const report = await initBackend({ prefer: 'wasm', strict: true, wasmThreads: 2, env: {} });
    expect(report.details.threadsNote).toBeUndefined();
    expect(wasmBackend.getThreadsCount()).toBe(2);
    expect(report.details.threads).toBe(2);
    expect(maxAbsDiff(await evaluate(convCase), want[0]!)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(await evaluate(matMulCase), want[1]!)).toBeLessThanOrEqual(1e-4);
  });

  it('says so when the backend already runs with another thread count', () => {
    const result = enableWasmThreads(3);
    expect(result.requested).toBe(3);
    expect(result.note).toMatch(/already initialized with 2 thread/);
    expect(enableWasmThreads(2)).toEqual({ requested: 2 });
  });
});
