import type { Platform } from './types';

export const platform: Platform = {
  wechatSignIn: false,
  qrSignIn: true,
  subscribeMessages: false,
  privacyPopup: false,
  scanCode: false,
  print: true,
  scalesBySetting: false,
  printPage: () => window.print(),
  callPhone: (phone) => {
    window.location.href = `tel:${phone}`;
  },
  webLink: (route) => `${window.location.origin}${window.location.pathname}#${route}`,
};
