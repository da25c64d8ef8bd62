import * as tf from '@tensorflow/tfjs';
import { withKernelScope } from './kernel-scope.js';
import type { TrainingKernel } from './registration.js';

/**
 * `Einsum` forward (missing on stock wasm; tfjs-core has no einsum gradient on any backend): the
 * `cpu` algorithm on wasm kernels — transpose and expand each operand to a common axis order,
 * multiply with broadcasting, and sum out contracted axes along tfjs's compute path.
 */
export const einsumKernel: TrainingKernel = {
  name: 'Einsum',
  build: () => (args) => {
    const tensors = args.inputs as unknown as tf.TensorInfo[];
    const { equation } = args.attrs as unknown as tf.EinsumAttrs;
    const bu = tf.backend_util;
    const { allDims, summedDims, idDims } = bu.decodeEinsumEquation(equation, tensors.length);
    bu.checkEinsumDimSizes(allDims.length, idDims, tensors as unknown as tf.Tensor[]);
    const { path, steps } = bu.getEinsumComputePath(summedDims, idDims);
    return withKernelScope(args.backend, 'Einsum', (s) => {
      let out: tf.TensorInfo | null = null;
      let remaining = allDims.length;
      for (let i = 0; i < steps.length; i++) {
        for (const term of steps[i]!) {
          const { permutationIndices: perm, expandDims } = bu.getEinsumPermutation(remaining, idDims[term]!);
          let x = tensors[term]!;
          if (!bu.isIdentityPermutation(perm)) x = s.transpose(x, perm);
          const shape = x.shape.slice();
          for (const d of expandDims) shape.splice(d, 0, 1);
          if (shape.length !== x.shape.length) x = s.reshape(x, shape);
          out = out === null ? x : s.mul(x, out);
        }
        if (i < steps.length - 1) {
          if (path[i]! >= 0 && out) out = s.sum(out, [path[i]! - (allDims.length - remaining)]);
          remaining--;
        }
      }
      if (!out) throw new Error(`Einsum (wasm): equation '${equation}' has no operands`);
      return out;
    });
  },
};
