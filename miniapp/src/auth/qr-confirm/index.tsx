import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, getToken, messageOf } from '../../api/client';
import { confirmQr, markQrScanned } from '../../api/endpoints';
import type { QrScanned } from '../../api/types';
import { ErrorBox, Page, SuccessBox } from '../../components/ui';
import { ticketFrom } from '../ticket';

export default function QrConfirmPage() {
  const { params, path } = useRouter();
  const ticket = ticketFrom(params);
  const [signedIn, setSignedIn] = useState(!!getToken());
  const [done, setDone] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [asker, setAsker] = useState<QrScanned['requestedBy'] | null>(null);

  useDidShow(() => {
    const has = !!getToken();
    setSignedIn(has);
    if (has && ticket && !done) {
      markQrScanned(ticket)
        .then((r) => setAsker(r.requestedBy))
        .catch((e: unknown) => {
          // An expired or used code: say so now rather than after the tap.
          if (e instanceof ApiError && e.status !== 401) setError(messageOf(e));
        });
    }
  });

  const confirm = () => {
    setBusy(true);
    setError('');
    confirmQr(ticket)
      .then(() => setDone(true))
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };

  if (!ticket) {
    return (
      <Page>
        <ErrorBox message="二维码无效，请在电脑上刷新二维码后重新扫码。" />
      </Page>
    );
  }
  if (!signedIn) {
    const back = encodeURIComponent(`${path.split('?')[0]}?ticket=${encodeURIComponent(ticket)}`);
    return (
      <Page>
        <View className="card">
          <Text className="h2">请先在手机上登录</Text>
          <Button className="btn" onClick={() => Taro.navigateTo({ url: `/auth/login/index?redirect=${back}` })}>
            登录
          </Button>
        </View>
      </Page>
    );
  }
  return (
    <Page>
      <View className="card">
        <Text className="h2">确认在电脑上登录八珠街社区？</Text>
        {asker ? (
          <Text id="qr-confirm-asker" className="text">
            要登录的电脑：{asker.device}，网络地址 {asker.address}
          </Text>
        ) : null}
        <Text className="text">如果不是您本人在电脑前操作，请点“取消”。</Text>
        <ErrorBox id="qr-confirm-error" message={error} />
        {done ? (
          <SuccessBox id="qr-confirm-done" message="已确认，请在电脑上继续操作。" />
        ) : (
          <>
            <Button id="qr-confirm-button" className="btn btn-green" disabled={busy || undefined} onClick={confirm}>
              确认登录
            </Button>
            <Button id="qr-cancel-button" className="btn btn-secondary" onClick={() => Taro.switchTab({ url: '/pages/home/index' })}>
              取消
            </Button>
          </>
        )}
      </View>
    </Page>
  );
}
