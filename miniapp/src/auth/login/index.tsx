import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { isPhone, PHONE_RULE } from '../../../../functions/_shared/phone';
import { authApi } from '../../api/auth';
import { messageOf, setToken } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { useSession } from '../../api/session';
import type { QrStatus, QrTicket } from '../../api/types';
import { isPhoneBrowser } from '../../components/a11y';
import { Chips, ErrorBox, Field, Link, Page, useFieldErrors, useFocusOn } from '../../components/ui';
import { platform } from '../../platform';
import { afterSignIn } from '../after-sign-in';

type Method = 'password' | 'wechat' | 'qr';

function methodsHere(): { key: Method; label: string; id: string }[] {
  return [
    // Only the mini-program can call wx.login; only a computer's browser has a screen to scan
    // from with the phone (on a phone's browser there is nothing to scan).
    ...(platform.wechatSignIn ? [{ key: 'wechat' as const, label: '微信登录', id: 'login-tab-wechat' }] : []),
    { key: 'password', label: '手机号或账号', id: 'login-tab-password' },
    ...(platform.qrSignIn && !isPhoneBrowser() ? [{ key: 'qr' as const, label: '微信扫码', id: 'login-tab-qr' }] : []),
  ];
}

export default function LoginPage() {
  const { params } = useRouter();
  const redirect = params.redirect;
  const [methods] = useState(methodsHere);
  const [method, setMethod] = useState<Method>(platform.wechatSignIn ? 'wechat' : 'password');
  const [forgot, setForgot] = useState(false);

  return (
    <Page>
      <Text className="title">登录{APP_NAME}</Text>
      {methods.length > 1 ? (
        <View style={{ marginTop: '16px' }}>
          <Chips kind="tab" label="登录方式" options={methods} value={method} onChange={setMethod} />
        </View>
      ) : null}
      {method === 'password' ? <PasswordForm redirect={redirect} /> : null}
      {platform.wechatSignIn && method === 'wechat' ? <WechatLogin redirect={redirect} /> : null}
      {platform.qrSignIn && method === 'qr' ? <QrLogin redirect={redirect} /> : null}
      <Link id="forgot-link" onTap={() => setForgot(!forgot)}>
        忘记密码？
      </Link>
      {forgot ? <ForgotPassword /> : null}
      <Link id="register-link" onTap={() => Taro.navigateTo({ url: '/auth/register/index' })}>
        还没有账号？立即注册
      </Link>
    </Page>
  );
}

/** How a resident gets back in without their password: at the window, with their ID card. */
function ForgotPassword() {
  return (
    <View className="card" id="forgot-card">
      <Text className="h2">忘记密码怎么办</Text>
      <View className="steps">
        <Text className="step">1. 带上身份证，到社区便民服务窗口。</Text>
        <Text className="step">2. 工作人员核对身份后，给您一个新的临时密码。</Text>
        <Text className="step">3. 用手机号和临时密码登录。</Text>
      </View>
      {platform.wechatSignIn ? <Text className="muted">在微信里也可以不用密码：点上面的“微信登录”。</Text> : null}
    </View>
  );
}

/** One field for 手机号 or 账号, as people think of it: 11 digits starting with 1 is a phone. */
function PasswordForm({ redirect }: { redirect?: string }) {
  const [who, setWho] = useState('');
  const [password, setPassword] = useState('');
  const fields = useFieldErrors();
  const signingIn = useSubmit(
    async (body: Parameters<typeof authApi.login>[0]) => afterSignIn(redirect, (await authApi.login(body)).account),
    (e) => fields.fromServer(e, { username: 'login-username', phone: 'login-username', password: 'login-password' }),
  );
  const { busy, error } = signingIn;
  useFocusOn('login-error', error);

  const submit = () => {
    const id = who.trim().replace(/\s+/g, '');
    const looksLikePhone = /^\d+$/.test(id);
    if (
      fields.show({
        'login-username': !id ? '请填写手机号或账号。' : looksLikePhone && !isPhone(id) ? PHONE_RULE : undefined,
        'login-password': !password ? '请填写密码。' : undefined,
      })
    ) {
      signingIn.setError('');
      return;
    }
    void signingIn.submit(isPhone(id) ? { phone: id, password } : { username: id, password });
  };

  return (
    <View className="card">
      <Field
        id="login-username"
        label="手机号或账号"
        value={who}
        onChange={setWho}
        placeholder="手机号或账号"
        hint="用手机号注册的，就填手机号。"
        error={fields.of('login-username')}
        required
        onSubmit={submit}
      />
      <Field
        id="login-password"
        label="密码"
        value={password}
        onChange={setPassword}
        password
        placeholder="请输入密码"
        error={fields.of('login-password')}
        required
        onSubmit={submit}
      />
      <ErrorBox id="login-error" message={error} />
      <Button id="login-submit" className="btn" disabled={busy || undefined} onClick={submit}>
        {busy ? '正在登录…' : '登录'}
      </Button>
    </View>
  );
}

function WechatLogin({ redirect }: { redirect?: string }) {
  const signingIn = useSubmit(async () => {
    const { code } = await Taro.login();
    afterSignIn(redirect, (await authApi.loginWithWechat({ code })).account);
  });
  const { busy, error } = signingIn;
  const go = () => void signingIn.submit();
  return (
    <View className="card">
      <Text className="text">用您的微信直接登录，不用记密码。</Text>
      <ErrorBox id="login-error" message={error} onRetry={error ? go : undefined} />
      <Button id="login-wechat" className="btn btn-green" disabled={busy || undefined} onClick={go}>
        {busy ? '正在登录…' : '微信一键登录'}
      </Button>
    </View>
  );
}

const qrStatusText: Record<QrStatus, string> = {
  pending: `请用微信打开“${APP_NAME}”小程序，扫描上面的二维码。`,
  scanned: '已扫码，请在手机上点“确认登录”。',
  confirmed: '已确认，正在登录…',
  expired: '二维码已过期，请点下面的按钮换一个。',
};

function QrLogin({ redirect }: { redirect?: string }) {
  const session = useSession();
  const [qr, setQr] = useState<QrTicket | null>(null);
  const [status, setStatus] = useState<QrStatus>('pending');
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };

  const start = () => {
    stop();
    setError('');
    setStatus('pending');
    setQr(null);
    authApi
      .createQrTicket()
      .then((t) => {
        setQr(t);
        // Poll every 2 s until the phone confirms (or the ticket expires).
        timer.current = setInterval(() => {
          authApi
            .qrStatus(t.ticket, t.secret)
            .then((r) => {
              setStatus(r.status);
              if (r.status === 'confirmed' && r.token) {
                stop();
                setToken(r.token);
                session
                  .reload()
                  .then((me) => afterSignIn(redirect, me?.account))
                  .catch(() => afterSignIn(redirect));
              } else if (r.status === 'expired') {
                stop();
              }
            })
            .catch((e: unknown) => setError(messageOf(e)));
        }, 2000);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };

  useEffect(() => {
    start();
    return stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useUnload(stop);

  return (
    <View className="card" style={{ textAlign: 'center' }}>
      {qr && status !== 'expired' ? (
        <Image
          id="qr-image"
          className="qr-image"
          src={qr.qrImage}
          mode="aspectFit"
          {...({ alt: '登录二维码：用微信扫一扫，在手机上确认后这里自动登录' } as object)}
        />
      ) : null}
      {!qr && !error ? <Text className="muted">正在生成二维码…</Text> : null}
      <Text id="qr-status" className="text" {...({ role: 'status' } as object)}>
        {qrStatusText[status]}
      </Text>
      <ErrorBox id="login-error" message={error} />
      {status === 'expired' || error ? (
        <Button id="qr-refresh" className="btn" onClick={start}>
          换一个二维码
        </Button>
      ) : null}
    </View>
  );
}
