/**
 * Eigenvalues of a real symmetric `n × n` matrix (row-major), in descending order.
 *
 * Householder reduction to tridiagonal form followed by the implicit-shift QL algorithm (EISPACK
 * `tred1`/`tql1`; Press et al., "Numerical Recipes", §11.2–11.3), in float64 on the JS side.
 * About `4n³/3` flops: a 512 × 512 covariance takes a fraction of a second, where cyclic Jacobi
 * needs about ten O(n³) sweeps (seconds at n = 512). Meant for the small Gram and covariance
 * matrices of evaluation (n ≤ a few hundred).
 *
 * @param matrix `n·n` entries, row-major; only read (a float64 copy is reduced).
 * @param n the matrix size.
 * @throws when the size does not match, an entry is not finite or the matrix is not symmetric.
 */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 0) || matrix.length !== n * n) {
    throw new Error(`symmetricEigenvalues: expected ${n}×${n} = ${n * n} entries, got ${matrix.length}`);
  }
  const a = Float64Array.from(matrix);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = a[i * n + j]!;
      const y = a[j * n + i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw new Error(`symmetricEigenvalues: entry (${i}, ${j}) is not finite`);
      }
      if (Math.abs(x - y) > 1e-5 * Math.max(1, Math.abs(x), Math.abs(y))) {
        throw new Error(`symmetricEigenvalues: matrix is not symmetric at (${i}, ${j}): ${x} vs ${y}`);
      }
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(a, n, d, e);
  tridiagonalQl(d, e, n);
  return d.sort().reverse();
}

/**
 * Householder reduction of the symmetric matrix `a` (its lower triangle is used and overwritten)
 * to a tridiagonal matrix with diagonal `d` and sub-diagonal `e[1..n-1]` (`e[0] = 0`).
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const ri = i * n;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(a[ri + k]!);
      if (scale === 0) {
        e[i] = a[ri + l]!;
      } else {
        for (let k = 0; k <= l; k++) {
          a[ri + k]! /= scale;
          h += a[ri + k]! * a[ri + k]!;
        }
        let f = a[ri + l]!;
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        a[ri + l] = f - g;
        f = 0;
        for (let j = 0; j <= l; j++) {
          const rj = j * n;
          g = 0;
          for (let k = 0; k <= j; k++) g += a[rj + k]! * a[ri + k]!;
          for (let k = j + 1; k <= l; k++) g += a[k * n + j]! * a[ri + k]!;
          e[j] = g / h;
          f += e[j]! * a[ri + j]!;
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          const rj = j * n;
          f = a[ri + j]!;
          g = e[j]! - hh * f;
          e[j] = g;
          for (let k = 0; k <= j; k++) a[rj + k]! -= f * e[k]! + g * a[ri + k]!;
        }
      }
    } else {
      e[i] = a[ri + l]!;
    }
    d[i] = h;
  }
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (diagonal `d`, sub-diagonal `e[1..n-1]`) by
 * the QL algorithm with implicit Wilkinson shifts; they replace `d` (unordered), `e` is destroyed.
 */
function tridiagonalQl(d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error(`symmetricEigenvalues: QL did not converge for eigenvalue ${l}`);
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Underflow: the matrix splits here; deflate and start again.
          d[i + 1]! -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
