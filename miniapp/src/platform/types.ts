/**
 * What differs between the two builds. Each build takes its own file by Taro's platform suffix
 * (index.weapp.ts in the WeChat mini-program, index.h5.ts in the browser), so a page asks what
 * the client can do instead of testing process.env.TARO_ENV itself.
 */
export interface Platform {
  /** Sign-in with wx.login (微信登录) and the phone number from getPhoneNumber. */
  wechatSignIn: boolean;
  /** Sign-in in a PC browser by scanning a QR code with the mini-program. */
  qrSignIn: boolean;
  /** WeChat's one-time subscribe messages (requestSubscribeMessage). */
  subscribeMessages: boolean;
  /** WeChat's privacy authorisation popup. */
  privacyPopup: boolean;
  /** Scanning a code with the camera (the ballot desk's 扫选民证). */
  scanCode: boolean;
  /** Printing the page on paper (ballots, voter cards, certificates, the 委托书). */
  print: boolean;
  /** Sizes follow WeChat's own font setting through `--s`; in the browser the root font size does it. */
  scalesBySetting: boolean;
  /** The page is a browser document: the accessibility work on the DOM (components/a11y.ts) applies. */
  dom: boolean;
  /**
   * Fetches a spreadsheet and hands it to the person: a download in the PC browser; WeChat's
   * document viewer on the phone (to forward or save). Status 0 when the network failed; the
   * body only when the server refused.
   */
  saveFile(url: string, header: Record<string, string>, filename: string): Promise<{ status: number; body?: string }>;
  /** Prints the page (only where `print`). */
  printPage(): void;
  /** Offers to call a number. */
  callPhone(phone: string): void;
  /** The H5 address of an in-app route, for QR codes that any phone camera opens. */
  webLink(route: string): string;
  /**
   * Photos taken or chosen for a request or a reply, at most `max`: WeChat's chooseMedia
   * (compressed) in the mini-program, a file input that offers the camera on phones in H5. An
   * empty list when the person cancels.
   */
  choosePhotos(max: number): Promise<PickedPhoto[]>;
  /** Uploads one picked photo as multipart `file`; status 0 when the network failed. */
  uploadPhoto(url: string, header: Record<string, string>, photo: PickedPhoto): Promise<{ status: number; body: string }>;
  /** Shows photos full screen, starting at `current` (WeChat's previewImage; a new tab in H5). */
  previewPhotos(urls: string[], current: string): void;
}

/** A photo picked on the device: `path` shows it before upload (a temp file or an object URL). */
export interface PickedPhoto {
  path: string;
  /** H5 only: the file itself. */
  file?: Blob;
}
