import Taro from '@tarojs/taro';
import { hasWorkbench } from '../api/labels';
import type { Role } from '../api/types';

/**
 * Where to go once signed in: back to the page that sent us here; else staff and the election committee to their 工作台
 * (they come to work, not to read their profile), everyone else to the 我的 tab.
 */
export function afterSignIn(redirect: string | undefined, account?: { roles: { role: Role }[] }): void {
  const target = redirect ? decodeURIComponent(redirect) : '';
  if (target.startsWith('/') && !target.startsWith('/pages/')) {
    void Taro.redirectTo({ url: target });
    return;
  }
  if (!target && account && hasWorkbench(account.roles)) {
    void Taro.redirectTo({ url: '/staff/index/index' });
    return;
  }
  void Taro.switchTab({ url: target.startsWith('/pages/') ? target : '/pages/me/index' });
}
