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
};
