import type { Platform } from './types';

export const platform: Platform = {
  wechatSignIn: false,
  qrSignIn: true,
  subscribeMessages: false,
  privacyPopup: false,
  scanCode: false,
  print: true,
  scalesBySetting: false,
  dom: true,
  async saveFile(url, header, filename) {
    let response: Response;
    try {
      response = await fetch(url, { headers: header });
    } catch {
      return { status: 0 };
    }
    if (!response.ok) return { status: response.status, body: await response.text() };
    const href = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = href;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
    return { status: 200 };
  },
  printPage: () => window.print(),
  callPhone: (phone) => {
    window.location.href = `tel:${phone}`;
  },
  webLink: (route) => `${window.location.origin}${window.location.pathname}#${route}`,
  choosePhotos(max) {
    return new Promise((resolve) => {
      // accept="image/*": phones offer the camera beside the gallery; a PC opens its file dialog.
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = 'image/*,.heic,.heif';
      input.multiple = max > 1;
      input.id = 'photo-file-input';
      input.style.display = 'none';
      input.addEventListener('change', () => {
        const files = Array.from(input.files ?? []).slice(0, max);
        input.remove();
        void Promise.all(files.map(shrink)).then((blobs) => resolve(blobs.map((file) => ({ path: URL.createObjectURL(file), file }))));
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve([]);
      });
      document.body.appendChild(input);
      input.click();
    });
  },
  async uploadPhoto(url, header, photo) {
    const form = new FormData();
    form.append('file', photo.file ?? (await (await fetch(photo.path)).blob()), 'photo');
    try {
      const response = await fetch(url, { method: 'POST', headers: header, body: form });
      return { status: response.status, body: await response.text() };
    } catch {
      return { status: 0, body: '' };
    }
  },
  previewPhotos: (_urls, current) => void window.open(current, '_blank', 'noopener'),
};

/** Photos bigger than this are made smaller in the browser first, as WeChat does in the mini-program. */
const SHRINK_ABOVE_BYTES = 3 * 1024 * 1024;
const SHRINK_TO_PX = 2560;

/**
 * A phone camera's full-size photo (5–12 MB) shrunk to at most 2,560 px JPEG before upload, so it
 * fits the server's cap and a slow connection. What the browser cannot draw (HEIC in most) goes
 * as it is; the server re-encodes everything anyway.
 */
async function shrink(file: File): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, SHRINK_TO_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.85));
    return blob ?? file;
  } catch {
    return file;
  }
}
