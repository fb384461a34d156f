import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { getToken } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { askForMessages, canAskForMessages, categories, type NoticeCategory, noticesApi } from '../../api/notices';
import { ErrorBox, Loading, Page, SuccessBox } from '../../components/ui';

/**
 * Which notices to follow, and how many WeChat messages the app may still send (each 允许 in
 * WeChat's window allows exactly one). Permission is asked only when the user taps the button.
 */
export default function SubscriptionSettings() {
  const loaded = useLoad(noticesApi.subscriptions, { onShow: false });
  const saving = useSubmit(noticesApi.setSubscriptions);
  // Called straight from the tap: WeChat only shows its permission window for a tap.
  const asking = useSubmit(askForMessages);
  const [saved, setSaved] = useState('');
  const subs = loaded.data;
  const error = loaded.error || saving.error || asking.error;

  useDidShow(() => {
    if (!getToken()) {
      void Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/notices/settings/index')}` });
      return;
    }
    void loaded.reload();
  });

  const toggle = async (code: NoticeCategory) => {
    if (!subs) return;
    const next = subs.categories.includes(code) ? subs.categories.filter((c) => c !== code) : [...subs.categories, code];
    setSaved('');
    const s = await saving.submit({ categories: next });
    if (!s) return;
    loaded.setData(s);
    setSaved('已保存');
  };

  const ask = async () => {
    if (!subs) return;
    const credits = await asking.submit([subs.templates.notice]);
    if (credits) loaded.setData({ ...subs, credits });
  };

  return (
    <Page>
      <ErrorBox id="settings-error" message={error} />
      {!subs && !error ? <Loading /> : null}
      {subs ? (
        <>
          <View className="card">
            <Text className="h2">我要收到哪些公告</Text>
            {categories.map((c) => {
              const on = subs.categories.includes(c.code);
              return (
                <Button
                  key={c.code}
                  id={`follow-${c.code}`}
                  className={on ? 'btn' : 'btn btn-secondary'}
                  ariaLabel={`${c.name}：${on ? '已订阅' : '未订阅'}`}
                  onClick={() => void toggle(c.code)}
                >
                  {on ? '✓ ' : ''}
                  {c.name}
                  {on ? '（已订阅）' : '（未订阅）'}
                </Button>
              );
            })}
            <SuccessBox id="settings-saved" message={saved} />
          </View>
          <View className="card">
            <Text className="h2">微信消息提醒</Text>
            <Text id="credits-notice" className="h2">
              {subs.credits.notice > 0 ? `下次有公告时会通知您（还能通知 ${subs.credits.notice} 次）` : '现在有公告时不会通知您：请点下面的按钮开启'}
            </Text>
            <Text id="credits-service" className="muted">
              {subs.credits.service > 0 ? `您办的事有进展时会通知您（还能通知 ${subs.credits.service} 次）` : '您办的事有进展时不会通知您，可以在“办事”里查看'}
            </Text>
            <Text className="hint">微信规定：每点一次“允许”，以后可以收到一条消息。收完了再来点一次。</Text>
            {canAskForMessages ? (
              <Button id="ask-messages" className="btn" onClick={() => void ask()}>
                开启一条公告消息提醒
              </Button>
            ) : (
              <Text id="messages-unsupported" className="notice-box">
                网页版不能开启微信消息提醒。请在微信里打开“{APP_NAME}”小程序，在这一页点“开启”。
              </Text>
            )}
            {canAskForMessages && !subs.wechat ? <Text className="hint">您是用账号密码登录的，请用微信登录后再开启。</Text> : null}
          </View>
        </>
      ) : null}
    </Page>
  );
}
