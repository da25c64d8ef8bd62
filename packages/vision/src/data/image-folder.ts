import { decodeImage, type DecodeOptions } from './decode-image.js';
import { ImageDataset } from './image-dataset.js';
import { listImageFiles } from './list-image-files.js';

/** Options of {@link imageFolder}. */
export interface ImageFolderOptions {
  /** Output size: a side for square images or `[height, width]` (default 32). */
  readonly size?: number | readonly [number, number];
  /** 1 (grayscale) or 3 (RGB, default). */
  readonly channels?: 1 | 3;
  /** How images are fitted to the size (see {@link DecodeOptions.fit}; default `'cover'`). */
  readonly fit?: DecodeOptions['fit'];
  /** Colour of transparent pixels and padding (default black). */
  readonly background?: DecodeOptions['background'];
  /**
   * Skip files that cannot be read or decoded instead of failing: they are listed in
   * {@link ImageFolderResult.skipped} and reported in one warning (default false).
   */
  readonly skipBadFiles?: boolean;
  /** Images decoded at once (default 4). */
  readonly concurrency?: number;
  /** Where the skipped-files warning goes (default `console.warn`). */
  readonly warn?: (message: string) => void;
}

/** A file {@link imageFolder} skipped, and why. */
export interface SkippedImage {
  readonly file: string;
  readonly reason: string;
}

/** What {@link imageFolder} returns. */
export interface ImageFolderResult {
  /** The decoded images (uint8, in memory), labeled when the folder has class sub-folders. */
  readonly dataset: ImageDataset;
  /** Files skipped with `skipBadFiles` (empty otherwise). */
  readonly skipped: readonly SkippedImage[];
}

/**
 * Loads a folder of images into memory as uint8, decoded with sharp (JPEG, PNG, WebP, GIF, TIFF),
 * converted to the requested channels (alpha composited, gray replicated or colour converted) and
 * resized. Class sub-folders give labels (sorted names → indices 0, 1, …); a flat folder of
 * images is unlabeled.
 *
 * @example
 * ```ts
 * const { dataset } = await imageFolder('data/flowers', { size: 64, channels: 3 });
 * const x = dataset.images([0, 1, 2]); // [3, 64, 64, 3] float32 in [0, 1]
 * ```
 * @throws Error naming the first file that cannot be read or decoded (unless `skipBadFiles`), or
 *   the folder when it is unreadable, empty, or mixes images and class folders.
 */
export async function imageFolder(dir: string, options: ImageFolderOptions = {}): Promise<ImageFolderResult> {
  const size = options.size ?? 32;
  const [height, width] = typeof size === 'number' ? [size, size] : size;
  for (const [name, v] of [['height', height], ['width', width]] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`imageFolder: size ${name} must be a positive integer, got ${v}`);
  }
  const channels = options.channels ?? 3;
  if (channels !== 1 && channels !== 3) throw new Error(`imageFolder: channels must be 1 or 3, got ${String(channels)}`);
  const concurrency = options.concurrency ?? 4;
  if (!(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new Error(`imageFolder: concurrency must be a positive integer, got ${concurrency}`);
  }
  const decode: DecodeOptions = { height, width, channels, fit: options.fit ?? 'cover', ...(options.background ? { background: options.background } : {}) };

  const listing = await listImageFiles(dir);
  const imageSize = height * width * channels;
  const decoded: (Uint8Array | undefined)[] = new Array(listing.files.length);
  const skipped: SkippedImage[] = [];
  let next = 0;
  let failure: Error | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < listing.files.length) {
      const i = next++;
      const file = listing.files[i]!;
      try {
        decoded[i] = await decodeImage(file, decode);
      } catch (e) {
        const reason = (e as Error).message;
        if (!options.skipBadFiles) {
          failure ??= new Error(`imageFolder: cannot decode ${file}: ${reason} (pass skipBadFiles: true to skip bad files)`, { cause: e });
          return;
        }
        skipped.push({ file, reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, listing.files.length) }, worker));
  if (failure) throw failure;

  const kept = listing.files.map((_, i) => i).filter((i) => decoded[i] !== undefined);
  if (kept.length === 0) throw new Error(`imageFolder: none of the ${listing.files.length} images in ${dir} could be decoded`);
  const pixels = new Uint8Array(kept.length * imageSize);
  kept.forEach((i, k) => pixels.set(decoded[i]!, k * imageSize));
  if (skipped.length > 0) {
    skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
    const list = skipped.map((s) => `  ${s.file}: ${s.reason}`).join('\n');
    (options.warn ?? console.warn)(`imageFolder: skipped ${skipped.length} of ${listing.files.length} files in ${dir} that could not be decoded:\n${list}`);
  }
  const dataset = new ImageDataset({
    pixels,
    height,
    width,
    channels,
    labels: listing.labels ? Int32Array.from(kept, (i) => listing.labels![i]!) : undefined,
    classNames: listing.classNames,
    sources: kept.map((i) => listing.files[i]!),
  });
  return { dataset, skipped };
}
