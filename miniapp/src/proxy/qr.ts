import QRCode from 'qrcode';
import { platform } from '../platform';

/** The address of an application's verification page, which the 委托书's QR code opens. */
export function verificationUrl(electionId: string, id: string): string {
  const route = `/proxy/verify/index?electionId=${electionId}&id=${id}`;
  return platform.webLink(route);
}

/** The QR code as an SVG data URL: drawn without a canvas, so it prints sharp at any size. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
