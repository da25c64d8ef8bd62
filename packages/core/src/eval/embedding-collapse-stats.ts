import type * as tf from '@tensorflow/tfjs';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/** Collapse diagnostics of a batch of embeddings, from {@link embeddingCollapseStats}. */
export interface CollapseStats {
  /**
   * Mean over dimensions of the (unbiased) std of the L2-normalised embeddings (lightly's
   * `std_of_l2_normalized`): about `1/√d` when embeddings spread over the sphere, 0 when every
   * embedding points the same way.
   */
  readonly std: number;
  /** `1/√d`, the std of uniformly spread unit vectors, for comparison. */
  readonly expectedStd: number;
  /**
   * RankMe effective rank (Garrido et al. 2023, "RankMe: Assessing the Downstream Performance
   * of Pretrained Self-Supervised Representations by Their Rank"), between 1 and `min(n, d)`;
   * 0 for all-zero embeddings.
   */
  readonly effectiveRank: number;
  /** Embedding dimension d. */
  readonly dim: number;
  /** Number of embeddings n. */
  readonly samples: number;
}

/**
 * Collapse diagnostics of `[n, d]` embeddings (n ≥ 2): the std of the L2-normalised embeddings
 * and the RankMe effective rank of the (unnormalised) embedding matrix. Read with one
 * `await data()`; the rest runs in float64 in JS (the `min(n, d)`-sized Gram matrix and its
 * eigenvalues, whose square roots are the singular values). The effective rank is at most the
 * batch size: use a probe batch of at least a few hundred examples.
 */
export async function embeddingCollapseStats(embeddings: tf.Tensor2D): Promise<CollapseStats> {
  const [n, d] = embeddings.shape;
  if (embeddings.rank !== 2 || n < 2 || d < 1) {
    throw new Error(`embeddingCollapseStats: need [n >= 2, d >= 1] embeddings, got [${embeddings.shape}]`);
  }
  const z = Float64Array.from(await embeddings.data());
  return {
    std: normalizedStd(z, n, d),
    expectedStd: 1 / Math.sqrt(d),
    effectiveRank: effectiveRank(singularValues(z, n, d)),
    dim: d,
    samples: n,
  };
}

/**
 * RankMe effective rank from singular values: `exp(−Σ p_k log p_k)` with
 * `p_k = σ_k / Σσ + 1e-7` (the paper's ε). 0 when every singular value is 0.
 */
export function effectiveRank(singularValues: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < singularValues.length; i++) {
    const s = singularValues[i]!;
    if (!(s >= 0)) throw new Error(`effectiveRank: singular values must be >= 0, got ${s}`);
    total += s;
  }
  if (total === 0) return 0;
  let entropy = 0;
  for (let i = 0; i < singularValues.length; i++) {
    const p = singularValues[i]! / total + 1e-7;
    entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

/** Singular values of the row-major `n × d` matrix z, from the smaller of ZᵀZ and ZZᵀ. */
function singularValues(z: Float64Array, n: number, d: number): Float64Array {
  const m = Math.min(n, d);
  const gram = new Float64Array(m * m);
  if (n >= d) {
    for (let r = 0; r < n; r++) {
      const row = r * d;
      for (let i = 0; i < d; i++) {
        const zi = z[row + i]!;
        if (zi === 0) continue;
        const gi = i * d;
        for (let j = i; j < d; j++) gram[gi + j]! += zi * z[row + j]!;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += z[i * d + k]! * z[j * d + k]!;
        gram[i * m + j] = s;
      }
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) gram[i * m + j] = gram[j * m + i]!;
  return symmetricEigenvalues(gram, m).map((l) => Math.sqrt(Math.max(0, l)));
}

/** Mean over dimensions of the unbiased std of the rows scaled to unit norm. */
function normalizedStd(z: Float64Array, n: number, d: number): number {
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += z[r * d + j]! ** 2;
    const inv = 1 / Math.max(Math.sqrt(norm), 1e-12);
    for (let j = 0; j < d; j++) {
      const v = z[r * d + j]! * inv;
      sum[j]! += v;
      sumSq[j]! += v * v;
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) {
    const mean = sum[j]! / n;
    total += Math.sqrt(Math.max(0, (sumSq[j]! - n * mean * mean) / (n - 1)));
  }
  return total / d;
}
