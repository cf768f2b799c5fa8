// Thumbnails of lead images, made with sharp (libvips, shipped as prebuilt npm packages): the
// bytes must decode as a raster image of a known format (never SVG, never a page that merely
// calls itself image/*), within a pixel budget, and come out as one small WebP that fits a card.
import sharp from 'sharp';
import { createHash } from 'node:crypto';

// libvips threads: one, so a thumbnail never takes both cores from ingest and the server.
sharp.concurrency(1);

export const THUMBNAIL_WIDTH = 480;
export const THUMBNAIL_HEIGHT = 320;
/** Below this the picture is an icon or a pixel, not a lead image. */
export const MIN_SOURCE_WIDTH = 120;
export const MIN_SOURCE_HEIGHT = 80;
// A decompression bomb stops here (a 40-megapixel photo is larger than any page's lead image).
const MAX_INPUT_PIXELS = 40_000_000;
const RASTER_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);

export class ImageRejected extends Error {
  constructor(
    readonly reason: 'not-an-image' | 'too-small' | 'too-many-pixels',
    message: string,
  ) {
    super(message);
  }
}

export interface Thumbnail {
  bytes: Uint8Array;
  contentType: 'image/webp';
  width: number;
  height: number;
  digest: string;
}

export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail> {
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    format = meta.format;
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch (error) {
    throw new ImageRejected('not-an-image', `not a decodable image (${(error as Error).message})`);
  }
  if (!format || !RASTER_FORMATS.has(format)) throw new ImageRejected('not-an-image', `not a raster image (${format ?? 'unknown format'})`);
  if (width * height > MAX_INPUT_PIXELS) throw new ImageRejected('too-many-pixels', `${width}×${height} pixels is more than ${MAX_INPUT_PIXELS}`);
  if (width < MIN_SOURCE_WIDTH || height < MIN_SOURCE_HEIGHT) throw new ImageRejected('too-small', `${width}×${height} is too small for a lead image`);
  let out: { data: Buffer; info: sharp.OutputInfo };
  try {
    out = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate() // honour the EXIF orientation, then drop the metadata
      .resize({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_HEIGHT, fit: 'cover', position: 'attention', withoutEnlargement: true })
      .webp({ quality: 68, effort: 4 })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageRejected('not-an-image', `the image could not be decoded (${(error as Error).message})`);
  }
  return {
    bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
    contentType: 'image/webp',
    width: out.info.width,
    height: out.info.height,
    digest: createHash('sha256').update(out.data).digest('base64url').slice(0, 22),
  };
}
