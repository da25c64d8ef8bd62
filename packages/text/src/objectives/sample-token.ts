import type { Rng } from '@pretext/core';

/** How the next token is drawn. */
export interface SamplingOptions {
  /** Softmax temperature (default 1); 0 means greedy (argmax). */
  readonly temperature?: number;
  /** Keep only the k most likely tokens (default: all). */
  readonly topK?: number;
  /** Nucleus sampling: keep the smallest set of most likely tokens whose probability reaches p (default 1). */
  readonly topP?: number;
}

/**
 * Draws a token id from logits with temperature, top-k (Fan et al. 2018) and top-p / nucleus
 * (Holtzman et al. 2020) filtering, using `rng` (so a seed fixes the draw). Ties are broken by
 * lower id. Ids in `banned` are never drawn.
 */
export function sampleToken(logits: ArrayLike<number>, rng: Rng, options: SamplingOptions = {}, banned: ReadonlySet<number> = new Set()): number {
  const temperature = options.temperature ?? 1;
  const topP = options.topP ?? 1;
  if (!(temperature >= 0)) throw new Error(`sampleToken: temperature must be ≥ 0, got ${temperature}`);
  if (!(topP > 0 && topP <= 1)) throw new Error(`sampleToken: topP must be in (0, 1], got ${topP}`);
  const order: number[] = [];
  for (let i = 0; i < logits.length; i++) if (!banned.has(i)) order.push(i);
  order.sort((a, b) => logits[b]! - logits[a]! || a - b);
  if (order.length === 0) throw new Error('sampleToken: every token is banned');
  if (temperature === 0) return order[0]!;
  const k = Math.min(order.length, options.topK ?? order.length);
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`sampleToken: topK must be a positive integer, got ${options.topK}`);
  const kept = order.slice(0, k);
  const top = logits[kept[0]!]! / temperature;
  const p = kept.map((i) => Math.exp(logits[i]! / temperature - top));
  const total = p.reduce((a, b) => a + b, 0);
  let cut = p.length;
  let acc = 0;
  for (let i = 0; i < p.length; i++) {
    acc += p[i]! / total;
    if (acc >= topP) {
      cut = i + 1;
      break;
    }
  }
  const mass = p.slice(0, cut).reduce((a, b) => a + b, 0);
  let u = rng.next() * mass;
  for (let i = 0; i < cut; i++) {
    u -= p[i]!;
    if (u < 0) return kept[i]!;
  }
  return kept[cut - 1]!;
}
