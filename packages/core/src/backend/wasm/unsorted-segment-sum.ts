import type * as tf from '@tensorflow/tfjs';
import { withKernelScope } from './kernel-scope.js';
import type { TrainingKernel } from './registration.js';

/**
 * `UnsortedSegmentSum` (missing on stock wasm; it is the gradient of `gather` and so of every
 * embedding): a `ScatterNd`, which adds up updates that share an index. Negative segment ids are
 * dropped (as in TensorFlow); an id ≥ `numSegments` is an error.
 */
export const unsortedSegmentSumKernel: TrainingKernel = {
  name: 'UnsortedSegmentSum',
  build: () => (args) => {
    const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
    const { numSegments } = args.attrs as unknown as tf.UnsortedSegmentSumAttrs;
    return withKernelScope(args.backend, 'UnsortedSegmentSum', (s) => {
      const count = segmentIds.shape.reduce((a, b) => a * b, 1);
      const inner = x.shape.slice(segmentIds.shape.length);
      const outShape = [numSegments, ...inner];
      if (count === 0 || numSegments === 0) return s.fill(outShape, 0, x.dtype);
      if (segmentIds.dtype !== 'int32') throw new Error(`UnsortedSegmentSum (wasm): segmentIds must be int32, got ${segmentIds.dtype}`);
      const ids = s.backend.typedArrayFromHeap(segmentIds) as Int32Array;
      let negatives = false;
      for (let i = 0; i < count; i++) {
        const id = ids[i]!;
        if (id >= numSegments) throw new Error(`UnsortedSegmentSum (wasm): segment id ${id} at position ${i} is not below numSegments=${numSegments}`);
        if (id < 0) negatives = true;
      }
      let indices = segmentIds;
      if (negatives) {
        // Send negative ids to an extra segment that is cut off afterwards.
        indices = s.track(s.backend.makeOutput(segmentIds.shape, 'int32', undefined, ids.map((id) => (id < 0 ? numSegments : id))));
      }
      const updates = s.reshape(x, [count, ...inner]);
      const summed = s.run('ScatterNd', { indices: s.reshape(indices, [count, 1]), updates }, {
        shape: [numSegments + (negatives ? 1 : 0), ...inner],
      });
      return negatives ? s.slice(summed, outShape.map(() => 0), outShape) : summed;
    });
  },
};
