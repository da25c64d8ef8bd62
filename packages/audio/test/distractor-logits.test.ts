import { tf } from '@pretext/core';
import { beforeAll, expect, test } from 'vitest';
import { distractorLogits } from '../src/objectives/distractor-logits.js';
import { useTestBackend } from './helpers/backend.js';

beforeAll(useTestBackend);

test('distractorLogits: cosine similarities of each query with its target and distractors, same-code distractors excluded', () => {
  const query = tf.randomNormal([3, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
  const targets = tf.randomNormal([6, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
  // Frames 0 and 3 share their codes in both groups: as a distractor of frame 0, frame 3 is excluded.
  const codes = tf.tensor2d([[1, 2], [0, 2], [1, 1], [1, 2], [3, 0], [2, 2]], [6, 2], 'int32');
  const positive = [0, 2, 5];
  const distractors = [3, 1, 4, 1, 2, 1];
  const logits = distractorLogits(query, targets, codes, positive, distractors, 0.1);
  const q = query.arraySync();
  const t = targets.arraySync();
  const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / Math.hypot(...a) / Math.hypot(...b);
  const expected = positive.map((p, i) => [p, distractors[2 * i]!, distractors[2 * i + 1]!].map((f) => cos(q[i]!, t[f]!) / 0.1));
  expected[0]![1] = -1e9;
  const got = logits.arraySync();
  expect(logits.shape).toEqual([3, 3]);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(got[i]![j]!).toBeCloseTo(expected[i]![j]!, 3);
  // The gradient reaches the query and every target used; the excluded distractor gets none.
  const grads = tf.grads((qq: tf.Tensor, tt: tf.Tensor) => tf.sum(tf.where(tf.greater(logits, -1e8), distractorLogits(qq as tf.Tensor2D, tt as tf.Tensor2D, codes, positive, distractors, 0.1), tf.zerosLike(logits))))([query, targets]);
  const gT = (grads[1]!.abs().sum(1) as tf.Tensor1D).arraySync();
  expect(gT[3]).toBe(0);
  for (const f of [0, 1, 2, 4, 5]) expect(gT[f]!).toBeGreaterThan(0);
  tf.dispose([query, targets, codes, logits, ...grads]);
});
