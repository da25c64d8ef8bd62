import { l2Normalize, tf } from '@pretext/core';

/**
 * Which items are relevant to which query in a retrieval evaluation.
 * - `{ by: 'pair' }`: query i is relevant to item i (one caption per image); with `queryPairs` /
 *   `itemPairs`, a query is relevant to every item with the same pair id (e.g. the captions of
 *   its image: query = image i, `itemPairs[j]` = the image of caption j).
 * - `{ by: 'label' }`: a query is relevant to every item of the same class. Use it when captions
 *   are class templates, as with MNIST ("the digit 7" describes every 7 equally well); the MNIST
 *   CLIP benchmark reports recall with class relevance.
 */
export type Relevance =
  | { readonly by: 'pair'; readonly queryPairs?: ArrayLike<number>; readonly itemPairs?: ArrayLike<number> }
  | { readonly by: 'label'; readonly queryLabels: ArrayLike<number>; readonly itemLabels: ArrayLike<number> };

/** Result of {@link retrievalRecall}. */
export interface RetrievalRecall {
  /** Number of queries. */
  readonly queries: number;
  /** Number of items searched. */
  readonly items: number;
  /** Recall@K for each K: the fraction of queries with a relevant item among their K nearest items. */
  readonly recall: Readonly<Record<number, number>>;
}

/**
 * Recall@K of cross-modal retrieval (image→text or text→image): every query ranks all items by
 * cosine similarity and counts as a hit at K when ANY relevant item is among its top K. Ties in
 * similarity are ranked by item index (lower first), so results are deterministic.
 *
 * @param queryEmbeds - `[Q, D]` query embeddings (normalised here).
 * @param itemEmbeds - `[N, D]` item embeddings (normalised here).
 * @param ks - the K's to report (default 1, 5 and 10).
 * @throws Error when the shapes or relevance lengths disagree, or a query has no relevant item.
 */
export async function retrievalRecall(queryEmbeds: tf.Tensor2D, itemEmbeds: tf.Tensor2D, relevant: Relevance, ks: readonly number[] = [1, 5, 10]): Promise<RetrievalRecall> {
  const where = 'retrievalRecall';
  if (queryEmbeds.rank !== 2 || itemEmbeds.rank !== 2 || queryEmbeds.shape[1] !== itemEmbeds.shape[1]) {
    throw new Error(`${where}: expected [Q, D] queries and [N, D] items, got [${queryEmbeds.shape.join(', ')}] and [${itemEmbeds.shape.join(', ')}]`);
  }
  for (const k of ks) if (!(Number.isInteger(k) && k > 0)) throw new Error(`${where}: every K must be a positive integer, got ${k}`);
  const [q, n] = [queryEmbeds.shape[0], itemEmbeds.shape[0]];
  const [queryGroup, itemGroup] = groupsOf(relevant, q, n, where);
  const hits = ks.map(() => 0);
  const items = tf.tidy(() => l2Normalize(itemEmbeds));
  const chunk = Math.max(1, Math.floor(4_000_000 / Math.max(1, n)));
  try {
    for (let start = 0; start < q; start += chunk) {
      const size = Math.min(chunk, q - start);
      const sims = tf.tidy(() => tf.matMul(l2Normalize(tf.slice(queryEmbeds, [start, 0], [size, -1])), items, false, true));
      const s = await sims.data();
      sims.dispose();
      for (let r = 0; r < size; r++) {
        const rank = bestRelevantRank(s.subarray(r * n, (r + 1) * n), queryGroup[start + r]!, itemGroup);
        if (rank < 0) throw new Error(`${where}: query ${start + r} has no relevant item`);
        ks.forEach((k, i) => (hits[i]! += rank < k ? 1 : 0));
      }
    }
  } finally {
    items.dispose();
  }
  return { queries: q, items: n, recall: Object.fromEntries(ks.map((k, i) => [k, hits[i]! / q])) };
}

/**
 * The 0-based rank of the best-ranked item of `group` in `scores` (higher first, ties by index),
 * or -1 when no item is in the group.
 */
export function bestRelevantRank(scores: ArrayLike<number>, group: number, itemGroup: ArrayLike<number>): number {
  let best = -1;
  for (let j = 0; j < scores.length; j++) if (itemGroup[j] === group && (best < 0 || scores[j]! > scores[best]!)) best = j;
  if (best < 0) return -1;
  const s = scores[best]!;
  let rank = 0;
  for (let j = 0; j < scores.length; j++) if (scores[j]! > s || (scores[j] === s && j < best)) rank++;
  return rank;
}

function groupsOf(relevant: Relevance, q: number, n: number, where: string): [ArrayLike<number>, ArrayLike<number>] {
  if (relevant.by === 'label') {
    check(relevant.queryLabels, q, 'queryLabels', where);
    check(relevant.itemLabels, n, 'itemLabels', where);
    return [relevant.queryLabels, relevant.itemLabels];
  }
  const identity = (m: number) => Int32Array.from({ length: m }, (_, i) => i);
  if (relevant.queryPairs === undefined && relevant.itemPairs === undefined && q !== n) {
    throw new Error(`${where}: pair relevance without queryPairs/itemPairs pairs query i with item i, but there are ${q} queries and ${n} items`);
  }
  const queryPairs = relevant.queryPairs ?? identity(q);
  const itemPairs = relevant.itemPairs ?? identity(n);
  check(queryPairs, q, 'queryPairs', where);
  check(itemPairs, n, 'itemPairs', where);
  return [queryPairs, itemPairs];
}

function check(ids: ArrayLike<number>, count: number, name: string, where: string): void {
  if (ids.length !== count) throw new Error(`${where}: ${name} has ${ids.length} entries for ${count} rows`);
}
