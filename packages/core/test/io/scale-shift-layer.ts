import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type LayerVariable = tf.layers.Layer['weights'][number];
type Shape = (number | null)[];

/**
 * A custom layer for the save/load tests: y = (x · scale + shift) · gain, with trainable `scale`
 * and `shift` vectors and a `gain` that lives only in the config (so a lost config changes outputs).
 */
export class ScaleShift extends tf.layers.Layer {
  static className = 'PretextTestScaleShift';
  readonly gain: number;
  private scale: LayerVariable | undefined;
  private shift: LayerVariable | undefined;

  constructor(args: LayerArgs & { gain?: number }) {
    super(args);
    this.gain = args.gain ?? 1;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const units = shape[shape.length - 1]!;
    this.scale = this.addWeight('scale', [units], 'float32', tf.initializers.ones());
    this.shift = this.addWeight('shift', [units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      return x.mul(this.scale!.read()).add(this.shift!.read()).mul(this.gain);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), gain: this.gain };
  }
}

tf.serialization.registerClass(ScaleShift);

/** dense(6) → ScaleShift(gain) → dense(4) on [B, 5] inputs, with seeded random weights. */
export function customLayerModel(gain: number): tf.LayersModel {
  const input = tf.input({ shape: [5] });
  const h = tf.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(input);
  const s = new ScaleShift({ gain, name: 'scale_shift' }).apply(h);
  const out = tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(s);
  return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
}
