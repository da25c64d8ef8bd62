import sharp from 'sharp';

/** How {@link decodeImage} normalises an image. */
export interface DecodeOptions {
  /** Output height in pixels. */
  readonly height: number;
  /** Output width in pixels. */
  readonly width: number;
  /** 1 (grayscale) or 3 (RGB). Alpha is composited onto `background`; gray is replicated to RGB. */
  readonly channels: 1 | 3;
  /**
   * How the image is fitted to `height × width` (sharp's `fit`): `'cover'` (default: scale, then
   * centre-crop the overflow), `'contain'` (scale, pad with `background`) or `'fill'` (stretch).
   */
  readonly fit?: 'cover' | 'contain' | 'fill';
  /** Colour that transparent pixels and `'contain'` padding become (default black). */
  readonly background?: { readonly r: number; readonly g: number; readonly b: number };
}

/**
 * Decodes an image (JPEG, PNG, WebP, GIF — first frame — or TIFF) with sharp and normalises it:
 * alpha composited away, converted to 1 or 3 channels, resized, 8 bits per channel.
 *
 * @param input - a file path or the encoded bytes.
 * @returns `height · width · channels` bytes in HWC order.
 * @throws Error from sharp when the input is not a decodable image (truncated, corrupt, unknown).
 */
export async function decodeImage(input: string | Buffer, options: DecodeOptions): Promise<Uint8Array> {
  const { height, width, channels, fit = 'cover' } = options;
  const background = { ...(options.background ?? { r: 0, g: 0, b: 0 }), alpha: 1 };
  // failOn 'warning' also rejects truncated files, which libvips would otherwise decode partially.
  let pipeline = sharp(input, { failOn: 'warning', pages: 1 })
    .rotate() // apply EXIF orientation
    .flatten({ background })
    .resize(width, height, { fit, background, kernel: 'lanczos3' });
  pipeline = channels === 1 ? pipeline.toColourspace('b-w') : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) {
    throw new Error(`decoded to ${info.width}×${info.height}, expected ${width}×${height}`);
  }
  if (info.channels !== channels) throw new Error(`decoded to ${info.channels} channels, expected ${channels}`);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
