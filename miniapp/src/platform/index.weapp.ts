import Taro from '@tarojs/taro';
import type { Platform } from './types';

export const platform: Platform = {
  wechatSignIn: true,
  qrSignIn: false,
  subscribeMessages: true,
  privacyPopup: true,
  scanCode: true,
  print: false,
  scalesBySetting: true,
  printPage: () => undefined,
  callPhone: (phone) => void Taro.makePhoneCall({ phoneNumber: phone }),
  // In WeChat the H5 app is served by the API server itself.
  webLink: (route) => `${API_BASE}/#${route}`,
};
