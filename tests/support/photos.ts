import sharp from 'sharp';

/** The camera and position a phone writes into a photo: what the stored copy must have lost. */
export const CAMERA_MAKE = 'BazhuCam';

/** A phone-sized JPEG with EXIF naming the camera and a GPS position (八珠乡, roughly). */
export function jpegWithGps(width = 2400, height = 1800, colour = '#3a7a55') {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .withExif({
      IFD0: { Make: CAMERA_MAKE, Model: 'Test 1', Software: 'camera-firmware-9.1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 3/1 2/1', GPSLongitudeRef: 'E', GPSLongitude: '103/1 50/1 1/1' },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export const png = (width = 800, height = 600) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 80, b: 40, alpha: 0.5 } } })
    .png()
    .toBuffer();
export const webp = (width = 900, height = 700) =>
  sharp({ create: { width, height, channels: 3, background: '#2255aa' } })
    .webp()
    .toBuffer();

/**
 * A photo of about `bytes` as a phone's camera writes it: noisy pixels compress badly, so a
 * 4 MB JPEG is a 12-megapixel-like picture rather than padding.
 */
export async function noisyJpeg(bytes = 4 * 1024 * 1024) {
  let side = 1800;
  for (;;) {
    const pixels = Buffer.alloc(side * side * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = ((i * 2654435761) >>> 24) ^ (Math.random() * 64);
    const jpeg = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
      .withExif({ IFD0: { Make: CAMERA_MAKE } })
      .jpeg({ quality: 95 })
      .toBuffer();
    if (jpeg.byteLength >= bytes * 0.9) return jpeg;
    side = Math.ceil(side * Math.sqrt((bytes / jpeg.byteLength) * 1.05));
  }
}

/** POST /api/attachments as the mini-program and the H5 page send it: multipart, field `file`. */
export async function upload(baseUrl: string, token: string | undefined, bytes: Buffer, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await fetch(`${baseUrl}/api/attachments`, { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body, text };
}
