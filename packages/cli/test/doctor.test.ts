import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../src/program.js';

async function run(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  process.exitCode = 0;
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'pretext', ...args]);
  } catch (x) {
    err += (x as Error).message;
    process.exitCode ||= 1;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('pretext doctor', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports the backend and a training check whose loss falls without leaks', async () => {
    const { out, code } = await run(['doctor', '--json', '--steps', '4']);
    const res = JSON.parse(out) as { ok: boolean; backend: { backend: string }; trainingCheck: { firstLoss: number; lastLoss: number; leakedTensors: number } };
    expect(code).toBe(0);
    expect(res.ok).toBe(true);
    expect(['tensorflow', 'webgpu', 'wasm', 'cpu']).toContain(res.backend.backend);
    expect(res.trainingCheck.lastLoss).toBeLessThan(res.trainingCheck.firstLoss);
    expect(res.trainingCheck.leakedTensors).toBe(0);
  });

  it('refuses an unknown backend with a one-line cause', async () => {
    const { err, code } = await run(['doctor', '--backend', 'cuda']);
    expect(code).not.toBe(0);
    expect(err).toMatch(/use one of tensorflow, webgpu, wasm, cpu/);
  });
});
