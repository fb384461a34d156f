import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { authApi } from '../../api/auth';
import { ApiError, getToken } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Page, SuccessBox } from '../../components/ui';
import { ticketFrom } from '../ticket';

export default function QrConfirmPage() {
  const { params, path } = useRouter();
  const ticket = ticketFrom(params);
  const [signedIn, setSignedIn] = useState(!!getToken());
  const [done, setDone] = useState(false);
  // Once 确认登录 is tapped, only its own answer is shown.
  const [tapped, setTapped] = useState(false);
  const scanned = useLoad(
    async () => {
      try {
        return (await authApi.markQrScanned(ticket)).requestedBy;
      } catch (e) {
        // An expired or used code is said now rather than after the tap; signed out, the page asks to sign in first.
        if (!(e instanceof ApiError) || e.status === 401) return null;
        throw e;
      }
    },
    { onShow: false },
  );
  const confirming = useSubmit(authApi.confirmQr);
  const asker = scanned.data ?? null;
  const error = tapped ? confirming.error : scanned.error;
  const busy = confirming.busy;

  useDidShow(() => {
    const has = !!getToken();
    setSignedIn(has);
    if (has && ticket && !done) void scanned.reload();
  });

  const confirm = async () => {
    setTapped(true);
    if (await confirming.submit(ticket)) setDone(true);
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
        <Text className="h2">确认在电脑上登录{APP_NAME}？</Text>
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
            <Button id="qr-confirm-button" className="btn btn-green" disabled={busy || undefined} onClick={() => void confirm()}>
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
