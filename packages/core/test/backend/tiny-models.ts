import * as tf from '@tensorflow/tfjs';

/** One optimisation step: returns the loss (a scalar the caller disposes). */
export type TrainStep = () => tf.Scalar;

/** What a tiny training setup exposes to the tests. */
export interface TinyTraining {
  readonly step: TrainStep;
  dispose(): void;
}

const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });

/**
 * A small conv net in tf.layers — conv (stride 1 and 2), batch norm, max-pool, depthwise conv,
 * global pooling, dense — trained with Adam on a fixed random batch of 12×12×1 images.
 */
export function tinyConvNet(seed = 1): TinyTraining {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 6, kernelSize: 3, padding: 'same', kernelInitializer: glorot(seed) }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthwiseInitializer: glorot(seed + 1) }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: glorot(seed + 2) }),
      tf.layers.reLU(),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 4, kernelInitializer: glorot(seed + 3) }),
    ],
  });
  const x = tf.randomNormal([16, 12, 12, 1], 0, 1, 'float32', seed);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([16], 0, 4, 'int32', seed + 1), 4));
  const optimizer = tf.train.adam(1e-2);
  return {
    step: () => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true)!,
    dispose: () => {
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
    },
  };
}

/**
 * A small pre-norm transformer language model written with tf ops — embedding by `tf.gather`,
 * multi-head attention with batched matmuls, layer norm, GELU (erf), a `[B,T,d] @ [d,e]` broadcast
 * matmul — trained with Adam to predict a fixed random token sequence.
 */
export function tinyTransformer(seed = 1, { layers = 2, d = 16, heads = 2, t = 8, vocab = 20, batch = 4 } = {}): TinyTraining {
  let s = seed;
  const v = (shape: number[]) => tf.variable(tf.randomNormal(shape, 0, 0.1, 'float32', s++));
  const params = {
    emb: v([vocab, d]), pos: v([t, d]), head: v([d, vocab]),
    blocks: Array.from({ length: layers }, () => ({
      g1: tf.variable(tf.ones([d])), b1: tf.variable(tf.zeros([d])), wqkv: v([d, 3 * d]), wo: v([d, d]),
      g2: tf.variable(tf.ones([d])), b2: tf.variable(tf.zeros([d])), w1: v([d, 4 * d]), w2: v([4 * d, d]),
    })),
  };
  const vars = [params.emb, params.pos, params.head, ...params.blocks.flatMap((b) => Object.values(b))];
  const layerNorm = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
  };
  const gelu = (x: tf.Tensor) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
  const dh = d / heads;
  const forward = (ids: tf.Tensor): tf.Tensor => {
    let x = tf.add(tf.reshape(tf.gather(params.emb, tf.reshape(ids, [-1])), [batch, t, d]), params.pos);
    for (const blk of params.blocks) {
      const h = layerNorm(x, blk.g1, blk.b1);
      const qkv = tf.matMul(h, blk.wqkv); // [B,T,d] @ [d,3d]: broadcast batch
      const split = (z: tf.Tensor) => tf.transpose(tf.reshape(z, [batch, t, heads, dh]), [0, 2, 1, 3]);
      const [q, k, val] = tf.split(qkv, 3, 2).map(split) as [tf.Tensor, tf.Tensor, tf.Tensor];
      const att = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)));
      const o = tf.reshape(tf.transpose(tf.matMul(att, val), [0, 2, 1, 3]), [batch, t, d]);
      x = tf.add(x, tf.matMul(o, blk.wo));
      x = tf.add(x, tf.matMul(gelu(tf.matMul(layerNorm(x, blk.g2, blk.b2), blk.w1)), blk.w2));
    }
    return tf.reshape(tf.matMul(x, params.head), [batch * t, vocab]);
  };
  const ids = tf.randomUniform([batch, t], 0, vocab, 'int32', seed + 100);
  const targets = tf.tidy(() => tf.oneHot(tf.reshape(tf.randomUniform([batch, t], 0, vocab, 'int32', seed + 101), [-1]), vocab));
  const optimizer = tf.train.adam(1e-2);
  return {
    step: () => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, forward(ids)) as tf.Scalar, true, vars)!,
    dispose: () => {
      tf.dispose([ids, targets, ...vars]);
      optimizer.dispose();
    },
  };
}

/** Runs `steps` steps; returns the losses and `numTensors` after each step. */
export async function train(setup: TinyTraining, steps: number): Promise<{ losses: number[]; tensors: number[] }> {
  const losses: number[] = [];
  const tensors: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = setup.step();
    losses.push((await loss.data())[0]!);
    loss.dispose();
    tensors.push(tf.memory().numTensors);
  }
  return { losses, tensors };
}
