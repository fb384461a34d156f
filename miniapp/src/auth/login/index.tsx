import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { messageOf, setToken } from '../../api/client';
import { createQrTicket, getQrStatus, login, loginWithWechat } from '../../api/endpoints';
import type { QrStatus, QrTicket } from '../../api/types';
import { ErrorBox, Field } from '../../components/ui';
import { afterSignIn } from '../after-sign-in';

type Method = 'password' | 'phone' | 'wechat' | 'qr';

const methods: { key: Method; label: string }[] = [
  { key: 'password', label: '账号密码' },
  { key: 'phone', label: '手机号' },
  // Only the mini-program can call wx.login; only a browser needs to scan.
  ...(process.env.TARO_ENV === 'weapp' ? [{ key: 'wechat' as const, label: '微信登录' }] : []),
  ...(process.env.TARO_ENV === 'h5' ? [{ key: 'qr' as const, label: '微信扫码' }] : []),
];

export default function LoginPage() {
  const { params } = useRouter();
  const redirect = params.redirect;
  const [method, setMethod] = useState<Method>(process.env.TARO_ENV === 'weapp' ? 'wechat' : 'password');

  return (
    <View className="page">
      <Text className="title">登录八珠街社区</Text>
      <View className="tabs" style={{ marginTop: '16px' }}>
        {methods.map((m) => (
          <View
            key={m.key}
            id={`login-tab-${m.key}`}
            data-testid={`login-tab-${m.key}`}
            className={`tab ${method === m.key ? 'tab-active' : ''}`}
            onClick={() => setMethod(m.key)}
          >
            {m.label}
          </View>
        ))}
      </View>
      {method === 'password' ? <PasswordForm kind="username" redirect={redirect} /> : null}
      {method === 'phone' ? <PasswordForm kind="phone" redirect={redirect} /> : null}
      {process.env.TARO_ENV === 'weapp' && method === 'wechat' ? <WechatLogin redirect={redirect} /> : null}
      {process.env.TARO_ENV === 'h5' && method === 'qr' ? <QrLogin redirect={redirect} /> : null}
      <Text id="register-link" className="link" onClick={() => Taro.navigateTo({ url: '/auth/register/index' })}>
        还没有账号？立即注册
      </Text>
    </View>
  );
}

function PasswordForm({ kind, redirect }: { kind: 'username' | 'phone'; redirect?: string }) {
  const [who, setWho] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const prefix = kind === 'username' ? 'login' : 'login-phone';

  const submit = () => {
    if (!who.trim()) return setError(kind === 'username' ? '请填写账号。' : '请填写手机号。');
    if (kind === 'phone' && !/^1\d{10}$/.test(who.trim())) return setError('手机号是 11 位数字，请核对。');
    if (!password) return setError('请填写密码。');
    setBusy(true);
    setError('');
    const body = kind === 'username' ? { username: who.trim(), password } : { phone: who.trim(), password };
    login(body)
      .then(() => afterSignIn(redirect))
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card">
      {kind === 'username' ? (
        <Field id={`${prefix}-username`} label="账号" value={who} onChange={setWho} placeholder="请输入账号" />
      ) : (
        <Field id={`${prefix}-phone`} label="手机号" value={who} onChange={setWho} type="number" maxlength={11} placeholder="11 位手机号" />
      )}
      <Field id={`${prefix}-password`} label="密码" value={password} onChange={setPassword} password placeholder="请输入密码" />
      <ErrorBox id="login-error" message={error} />
      <Button id={`${prefix}-submit`} className="btn" disabled={busy || undefined} onClick={submit}>
        {busy ? '正在登录…' : '登录'}
      </Button>
    </View>
  );
}

function WechatLogin({ redirect }: { redirect?: string }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const go = () => {
    setBusy(true);
    setError('');
    Taro.login()
      .then((r) => loginWithWechat(r.code))
      .then(() => afterSignIn(redirect))
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card">
      <Text className="text">用您的微信直接登录，不用记密码。</Text>
      <ErrorBox id="login-error" message={error} />
      <Button id="login-wechat" className="btn btn-green" disabled={busy || undefined} onClick={go}>
        {busy ? '正在登录…' : '微信一键登录'}
      </Button>
    </View>
  );
}

const qrStatusText: Record<QrStatus, string> = {
  pending: '请用微信打开“八珠街社区”小程序，扫描上面的二维码。',
  scanned: '已扫码，请在手机上点“确认登录”。',
  confirmed: '已确认，正在登录…',
  expired: '二维码已过期，请点下面的按钮换一个。',
};

function QrLogin({ redirect }: { redirect?: string }) {
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
    createQrTicket()
      .then((t) => {
        setQr(t);
        // Poll every 2 s until the phone confirms (or the ticket expires).
        timer.current = setInterval(() => {
          getQrStatus(t.ticket, t.secret)
            .then((r) => {
              setStatus(r.status);
              if (r.status === 'confirmed' && r.token) {
                stop();
                setToken(r.token);
                afterSignIn(redirect);
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
      {qr && status !== 'expired' ? <Image id="qr-image" className="qr-image" src={qr.qrImage} mode="aspectFit" /> : null}
      {!qr && !error ? <Text className="muted">正在生成二维码…</Text> : null}
      <Text id="qr-status" className="text">
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
