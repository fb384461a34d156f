import Taro from '@tarojs/taro';

/** Where to go once signed in: back to the page that sent us here, else the 我的 tab. */
export function afterSignIn(redirect: string | undefined): void {
  const target = redirect ? decodeURIComponent(redirect) : '';
  if (target.startsWith('/') && !target.startsWith('/pages/')) {
    void Taro.redirectTo({ url: target });
    return;
  }
  void Taro.switchTab({ url: target.startsWith('/pages/') ? target : '/pages/me/index' });
}
