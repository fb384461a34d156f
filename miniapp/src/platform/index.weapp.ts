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
  dom: false,
  async saveFile(url, header) {
    let result: Taro.downloadFile.FileSuccessCallbackResult;
    try {
      result = await Taro.downloadFile({ url, header });
    } catch {
      return { status: 0 };
    }
    if (result.statusCode !== 200) return { status: result.statusCode };
    await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true });
    return { status: 200 };
  },
  printPage: () => undefined,
  callPhone: (phone) => void Taro.makePhoneCall({ phoneNumber: phone }),
  // In WeChat the H5 app is served by the API server itself.
  webLink: (route) => `${API_BASE}/#${route}`,
  async choosePhotos(max) {
    try {
      // Compressed by WeChat before upload: a phone's 8 MB photo arrives as a few hundred KB.
      const r = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      return r.tempFiles.map((f) => ({ path: f.tempFilePath }));
    } catch {
      return [];
    }
  },
  async uploadPhoto(url, header, photo) {
    try {
      const r = await Taro.uploadFile({ url, filePath: photo.path, name: 'file', header });
      return { status: r.statusCode, body: r.data };
    } catch {
      return { status: 0, body: '' };
    }
  },
  previewPhotos: (urls, current) => void Taro.previewImage({ urls, current }),
};
