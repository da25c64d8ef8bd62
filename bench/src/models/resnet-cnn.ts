import { tf } from '@pretext/core';

/** Shape of the ResNet-style CNN built by {@link buildResnetCnn}. */
export interface ResnetCnnConfig {
  /** Input image shape `[height, width, channels]`. */
  readonly inputShape: readonly [number, number, number];
  /** Filters of the stem conv (3×3, stride 1). */
  readonly stemFilters: number;
  /**
   * Filters of each basic block, in order. The first block keeps the resolution (stride 1), every
   * later one halves it (stride 2).
   */
  readonly blockFilters: readonly number[];
  /** Units of the hidden dense layer after global average pooling. */
  readonly denseUnits: number;
  /** Output classes (logits). */
  readonly classes: number;
  /** Seed of the kernel initialisers: the same seed gives the same weights. */
  readonly seed: number;
}

/**
 * The benchmark's ResNet-ish CNN on 28×28×1 images (about 83k parameters): stem conv 16, basic
 * blocks 16, 32 (stride 2), 64 (stride 2) with batch norm and ReLU, global average pooling,
 * dense 64, dense 10.
 */
export const RESNET_CNN_DEFAULTS: ResnetCnnConfig = {
  inputShape: [28, 28, 1],
  stemFilters: 16,
  blockFilters: [16, 32, 64],
  denseUnits: 64,
  classes: 10,
  seed: 1,
};

type SymbolicTensor = tf.SymbolicTensor;

/**
 * Builds a ResNet-style CNN (He et al., "Deep Residual Learning for Image Recognition", 2016):
 * a 3×3 conv–BN–ReLU stem, then basic residual blocks (two 3×3 conv–BN, a 1×1 conv–BN projection
 * shortcut where the shape changes, add, ReLU), global average pooling, a ReLU dense layer and a
 * linear classifier. Kernels use seeded He-normal (convs) and Glorot-uniform (dense) initialisers,
 * so the same config gives the same weights on every backend.
 *
 * @param config - overrides of {@link RESNET_CNN_DEFAULTS}.
 * @returns an uncompiled functional model producing `[batch, classes]` logits.
 */
export function buildResnetCnn(config: Partial<ResnetCnnConfig> = {}): tf.LayersModel {
  const c: ResnetCnnConfig = { ...RESNET_CNN_DEFAULTS, ...config };
  validate(c);
  let nextSeed = c.seed;
  const seed = (): number => nextSeed++;
  const L = tf.layers;

  const convBn = (x: SymbolicTensor, filters: number, strides: number, relu: boolean, kernelSize = 3): SymbolicTensor => {
    const conv = L.conv2d({
      filters,
      kernelSize,
      strides,
      padding: 'same',
      useBias: false,
      kernelInitializer: tf.initializers.heNormal({ seed: seed() }),
    });
    const y = L.batchNormalization().apply(conv.apply(x) as SymbolicTensor) as SymbolicTensor;
    return relu ? (L.reLU().apply(y) as SymbolicTensor) : y;
  };

  const basicBlock = (x: SymbolicTensor, filters: number, strides: number): SymbolicTensor => {
    const y = convBn(convBn(x, filters, strides, true), filters, 1, false);
    const inChannels = x.shape[3];
    const shortcut = strides !== 1 || inChannels !== filters ? convBn(x, filters, strides, false, 1) : x;
    return L.reLU().apply(L.add().apply([y, shortcut]) as SymbolicTensor) as SymbolicTensor;
  };

  const input = tf.input({ shape: [...c.inputShape] });
  let x = convBn(input, c.stemFilters, 1, true);
  c.blockFilters.forEach((filters, i) => {
    x = basicBlock(x, filters, i === 0 ? 1 : 2);
  });
  x = L.globalAveragePooling2d({}).apply(x) as SymbolicTensor;
  x = L.dense({
    units: c.denseUnits,
    activation: 'relu',
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
  }).apply(x) as SymbolicTensor;
  const logits = L.dense({
    units: c.classes,
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
  }).apply(x) as SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: 'resnet_cnn' });
}

function validate(c: ResnetCnnConfig): void {
  const positive = (name: string, v: number): void => {
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`buildResnetCnn: ${name} must be a positive integer, got ${v}`);
  };
  if (c.inputShape.length !== 3) throw new Error(`buildResnetCnn: inputShape must be [height, width, channels], got [${c.inputShape.join(', ')}]`);
  c.inputShape.forEach((v, i) => positive(`inputShape[${i}]`, v));
  positive('stemFilters', c.stemFilters);
  if (c.blockFilters.length === 0) throw new Error('buildResnetCnn: blockFilters must name at least one block');
  c.blockFilters.forEach((v, i) => positive(`blockFilters[${i}]`, v));
  positive('denseUnits', c.denseUnits);
  positive('classes', c.classes);
  if (!Number.isFinite(c.seed)) throw new Error(`buildResnetCnn: seed must be a finite number, got ${c.seed}`);
}
