import QRCode from 'qrcode';

/** The address of an application's verification page, which the 委托书's QR code opens. */
export function verificationUrl(electionId: string, id: string): string {
  const route = `/proxy/verify/index?electionId=${electionId}&id=${id}`;
  if (process.env.TARO_ENV === 'h5') return `${window.location.origin}${window.location.pathname}#${route}`;
  // In WeChat the H5 app is served by the API server itself.
  return `${API_BASE}/#${route}`;
}

/** The QR code as an SVG data URL: drawn without a canvas, so it prints sharp at any size. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
