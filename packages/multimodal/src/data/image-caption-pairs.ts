import { imageFolder, type ImageDataset, type ImageFolderOptions, type ImageFolderResult } from '@pretext/vision';
import { CaptionPairs } from './caption-pairs.js';
import { readCaptionsFile, type CaptionsFormat } from './captions-file.js';
import { keepCaptioned } from './keep-captioned.js';
import { matchCaptions } from './match-captions.js';
import { imageMedia } from './media-set.js';

/** Options of {@link imageCaptionPairs}: how to load the folder, plus the captions file's format. */
export interface ImageCaptionPairsOptions extends ImageFolderOptions {
  /** Captions file format (default: from its extension, `.csv` or `.jsonl`). */
  readonly format?: CaptionsFormat;
  /**
   * The folder the captions' file names are relative to: needed when `images` is an already
   * loaded dataset (the folder it was loaded from); defaults to `images` when that is a path.
   */
  readonly root?: string;
  /** Where the warning about images without captions goes (default `console.warn`). */
  readonly warn?: (message: string) => void;
}

/**
 * Image–caption pairs from a folder of images (loaded with vision's `imageFolder`: flat, or class
 * sub-folders that become labels) and a captions file (CSV `file,caption` or JSONL, see
 * {@link readCaptionsFile}) naming the images relative to the folder. An image may have several
 * captions; images without any are left out (with one warning).
 *
 * @example
 * ```ts
 * const pairs = await imageCaptionPairs('data/photos', 'data/photos/captions.jsonl', { size: 64 });
 * const data = await pairs.batches({ batchSize: 64, tokenizer, maxLength: 16 });
 * ```
 * @throws TextInputError naming the captions file, the line and the image when a caption names an
 *   image that is not in the folder, or a malformed line; Error when no image has a caption.
 */
export async function imageCaptionPairs(images: string | ImageFolderResult | ImageDataset, captionsFile: string, options: ImageCaptionPairsOptions = {}): Promise<CaptionPairs> {
  const root = options.root ?? (typeof images === 'string' ? images : undefined);
  if (root === undefined) throw new Error('imageCaptionPairs: pass options.root (the folder the images were loaded from) with a loaded dataset');
  const lines = await readCaptionsFile(captionsFile, options.format);
  const dataset = typeof images === 'string' ? (await imageFolder(images, options)).dataset : 'dataset' in images ? images.dataset : images;
  if (!dataset.sources) throw new Error('imageCaptionPairs: the dataset does not record its image files (sources); load it with imageFolder');
  const hint = options.skipBadFiles ? '(or it could not be decoded and was skipped)' : '(or it is not an image file)';
  const matched = matchCaptions(lines, captionsFile, dataset.sources, root, hint);
  return keepCaptioned(matched, dataset.count, (kept) => new CaptionPairs(imageMedia(dataset.subset(kept)), kept.map((i) => matched.captions[i]!)), dataset.sources, captionsFile, options.warn);
}

