import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../src/eval/symmetric-eigenvalues.js';
import { Rng } from '../../src/tensor/rng.js';

/** Q · diag(spectrum) · Qᵀ with Q a product of three seeded Householder reflections (orthogonal). */
function withSpectrum(spectrum: number[], seed: number): Float64Array {
  const n = spectrum.length;
  const rng = new Rng(seed);
  let q: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let r = 0; r < 3; r++) {
    const v = Array.from({ length: n }, () => rng.normal());
    const norm2 = v.reduce((a, x) => a + x * x, 0);
    const h = v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / norm2));
    q = q.map((row) => h.map((_, j) => row.reduce((a, x, k) => a + x * h[k]![j]!, 0)));
  }
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * n + j] = spectrum.reduce((a, s, k) => a + q[i]![k]! * s * q[j]![k]!, 0);
  }
  return m;
}

describe('symmetricEigenvalues', () => {
  it('solves the classic tridiagonal matrix [2 1 0; 1 2 1; 0 1 2]: 2+√2, 2, 2−√2', () => {
    const eig = symmetricEigenvalues([2, 1, 0, 1, 2, 1, 0, 1, 2], 3);
    expect(eig[0]).toBeCloseTo(2 + Math.SQRT2, 12);
    expect(eig[1]).toBeCloseTo(2, 12);
    expect(eig[2]).toBeCloseTo(2 - Math.SQRT2, 12);
  });

  it('recovers a known spectrum (repeated, zero and negative eigenvalues) of a rotated diagonal', () => {
    const spectrum = [7, 3, 3, 1.5, 0, 0, -2, 1e-6];
    const eig = symmetricEigenvalues(withSpectrum(spectrum, 1), spectrum.length);
    const expected = [...spectrum].sort((a, b) => b - a);
    eig.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 10));
  });

  it('keeps the trace and the Frobenius norm of a random 60×60 Gram matrix, all eigenvalues ≥ 0', () => {
    const rng = new Rng(3);
    const n = 60;
    const d = 20; // rank 20: 40 eigenvalues are zero
    const z = Array.from({ length: n * d }, () => rng.normal());
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) for (let k = 0; k < d; k++) g[i * n + j]! += z[i * d + k]! * z[j * d + k]!;
    }
    const eig = symmetricEigenvalues(g, n);
    const trace = g.reduce((a, _, i) => a + (i % (n + 1) === 0 ? g[i]! : 0), 0);
    const frob = g.reduce((a, x) => a + x * x, 0);
    expect(eig.reduce((a, x) => a + x, 0)).toBeCloseTo(trace, 8);
    expect(eig.reduce((a, x) => a + x * x, 0) / frob).toBeCloseTo(1, 10);
    expect(eig[19]).toBeGreaterThan(1);
    for (let i = 20; i < n; i++) expect(Math.abs(eig[i]!)).toBeLessThan(1e-9);
    for (let i = 1; i < n; i++) expect(eig[i]!).toBeLessThanOrEqual(eig[i - 1]!);
  });

  it('handles trivial sizes and rejects bad input', () => {
    expect(Array.from(symmetricEigenvalues([], 0))).toEqual([]);
    expect(Array.from(symmetricEigenvalues([4], 1))).toEqual([4]);
    expect(Array.from(symmetricEigenvalues([0, 0, 0, 0], 2))).toEqual([0, 0]);
    expect(() => symmetricEigenvalues([1, 2, 3], 2)).toThrow(/entries/);
    expect(() => symmetricEigenvalues([1, 2, 3, 4], 2)).toThrow(/symmetric/);
    expect(() => symmetricEigenvalues([1, NaN, NaN, 1], 2)).toThrow(/finite/);
  });
});
