import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { platform } from '../platform';
import { Link } from './ui';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;
interface WxPrivacy {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void;
}

/**
 * WeChat's privacy flow (app.config `__usePrivacyCheck__`): when a guarded API or button (the
 * phone number button) needs consent, WeChat calls our listener and waits. We show what is
 * collected and why, and pass the answer back through `resolve`.
 */
export function PrivacyPopup() {
  const [visible, setVisible] = useState(false);
  const resolver = useRef<Resolve | null>(null);

  useEffect(() => {
    if (!platform.privacyPopup) return;
    const wxApi = (globalThis as unknown as { wx?: WxPrivacy }).wx;
    wxApi?.onNeedPrivacyAuthorization?.((resolve) => {
      resolver.current = resolve;
      resolve({ event: 'exposureAuthorization' });
      setVisible(true);
    });
  }, []);

  if (!visible) return null;
  const answer = (event: 'agree' | 'disagree') => {
    resolver.current?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event });
    resolver.current = null;
    setVisible(false);
  };
  return (
    <View className="privacy-mask">
      <View className="privacy-sheet">
        <Text className="h2">个人信息保护提示</Text>
        <Text className="text">绑定手机号需要读取您的微信手机号，只用于社区工作人员联系您办事、核对居民身份，不会给其他人。</Text>
        <Link id="privacy-popup-link" onTap={() => Taro.navigateTo({ url: '/auth/privacy/index' })}>
          查看《隐私说明》
        </Link>
        <Button id="privacy-agree" className="btn" openType="agreePrivacyAuthorization" onAgreePrivacyAuthorization={() => answer('agree')}>
          同意并继续
        </Button>
        <Button id="privacy-disagree" className="btn btn-secondary" onClick={() => answer('disagree')}>
          不同意
        </Button>
      </View>
    </View>
  );
}
