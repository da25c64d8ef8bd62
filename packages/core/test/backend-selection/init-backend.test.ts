import { describe, expect, it } from 'vitest';
import { BACKEND_ORDER, formatBackendReport, initBackend, tf } from '../../src/index.js';

describe('initBackend', () => {
  it('picks the first backend of the order that loads and says why each better one was skipped', async () => {
    const report = await initBackend({ env: {} });
    const chosen = BACKEND_ORDER.indexOf(report.backend);
    expect(chosen).toBeGreaterThanOrEqual(0);
    expect(report.skipped.map((s) => s.name)).toEqual(BACKEND_ORDER.slice(0, chosen));
    for (const s of report.skipped) expect(s.reason.length).toBeGreaterThan(5);
    expect(tf.getBackend()).toBe(report.tfBackend);
    expect(report.versions.tfjs).toBe('4.22.0');
    expect(formatBackendReport(report)).toContain(`backend: ${report.backend}`);
  });

  it('reports a missing libtensorflow binding instead of crashing', async () => {
    const report = await initBackend({ env: {} });
    if (report.backend !== 'tensorflow') {
      expect(report.skipped[0]?.name).toBe('tensorflow');
      expect(report.skipped[0]?.reason).toMatch(/tfjs-node/);
    }
  });

  it('honours prefer, and strict tries nothing else', async () => {
    const cpu = await initBackend({ prefer: 'cpu', strict: true, env: {} });
    expect(cpu.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(cpu.skipped).toEqual([]);
  });

  it('PRETEXT_BACKEND forces a backend over prefer', async () => {
    const r = await initBackend({ prefer: 'wasm', env: { PRETEXT_BACKEND: 'cpu' } });
    expect(r.backend).toBe('cpu');
  });

  it('PRETEXT_BACKEND with a backend that cannot load fails clearly, naming it', async () => {
    // webgpu needs a GPU adapter; on a machine that has one it loads, elsewhere the error says why.
    try {
      const r = await initBackend({ env: { PRETEXT_BACKEND: 'webgpu' } });
      expect(r.backend).toBe('webgpu');
    } catch (e) {
      expect((e as Error).message).toMatch(/no usable backend among webgpu:\n {2}webgpu: .+/);
    }
  });

  it('rejects unknown names and bad thread counts', async () => {
    await expect(initBackend({ env: { PRETEXT_BACKEND: 'cuda' } })).rejects.toThrow(
      /PRETEXT_BACKEND=cuda is not a backend; use one of tensorflow, webgpu, wasm, cpu/,
    );
    await expect(initBackend({ prefer: 'tpu' as 'cpu', env: {} })).rejects.toThrow(/unknown backend 'tpu'/);
    await expect(initBackend({ prefer: 'cpu', env: { PRETEXT_WASM_THREADS: 'two' } })).rejects.toThrow(
      /PRETEXT_WASM_THREADS=two must be a positive integer/,
    );
  });
});
