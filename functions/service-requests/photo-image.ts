import { AppError } from '../_platform/errors.js';

/** The longest side of a stored photo: enough to read a meter or a crack, small enough for a phone on 4G. */
export const PHOTO_MAX_PX = 1600;
/** The thumbnail's side (square, cropped to the middle), for lists and the request page's grid. */
export const THUMBNAIL_PX = 360;
/** Beyond this a picture is a decompression bomb, not a phone photo (a 200 MP phone makes 2 × 10⁸). */
const MAX_INPUT_PIXELS = 250_000_000;

export type PhotoKind = 'jpeg' | 'png' | 'webp' | 'heic';

/** HEIF brands of phone photos (iPhones write `heic`; `mif1`/`msf1` with a HEVC brand too). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/**
 * The image's type read from its first bytes, never from the file name or the declared type
 * (anyone can call a PDF "photo.jpg"). Null: not one of the four accepted kinds.
 */
export function sniffPhoto(bytes: Uint8Array): PhotoKind | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 32));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && HEIC_BRANDS.has(b.toString('latin1', 8, 12))) return 'heic';
  return null;
}

export const typeRefused = () => new AppError('ATTACHMENT_TYPE', '只能上传照片（JPEG、PNG、WebP 或 HEIC 格式），请换一张照片再试。');
const unreadable = () => new AppError('ATTACHMENT_UNREADABLE', '这张照片无法读取，可能已经损坏，请重新拍摄或换一张照片。');

export interface Reencoded {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/**
 * The photo as it is stored: decoded, turned upright by its EXIF orientation, scaled to at most
 * PHOTO_MAX_PX and written anew as JPEG. The new file carries no metadata at all — no EXIF, no
 * GPS position, no camera serial — because sharp writes none unless asked (we never ask). The
 * uploaded bytes themselves are never stored.
 */
export async function reencodePhoto(bytes: Buffer, kind: PhotoKind): Promise<Reencoded> {
  const { default: sharp } = await import('sharp');
  let source: import('sharp').Sharp;
  try {
    if (kind === 'heic') {
      // The image library's prebuilt binaries read no HEVC: libheif (WebAssembly) decodes it,
      // applying the file's own rotation, and the pixels go on from there.
      const { default: decode } = await import('heic-decode');
      const { width, height, data } = await decode({ buffer: bytes });
      if (width * height > MAX_INPUT_PIXELS) throw unreadable();
      source = sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } });
    } else {
      source = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    }
    const upright = await source
      .resize({ width: PHOTO_MAX_PX, height: PHOTO_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(upright.data)
      .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'cover' })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer();
    return { image: upright.data, thumbnail, width: upright.info.width, height: upright.info.height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable();
  }
}
