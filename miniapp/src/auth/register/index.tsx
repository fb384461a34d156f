import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { isPhone, PHONE_RULE } from '../../../../functions/_shared/phone';
import { authApi } from '../../api/auth';
import { newIdempotencyKey } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Link, Page, useFieldErrors, useFocusOn } from '../../components/ui';
import { afterSignIn } from '../after-sign-in';

export default function RegisterPage() {
  const { params } = useRouter();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const fields = useFieldErrors();
  const registering = useSubmit(
    async (body: Parameters<typeof authApi.register>[0]) => {
      afterSignIn(params.redirect, (await authApi.register(body, key)).account);
      return true;
    },
    (e) => fields.fromServer(e, { phone: 'register-phone', name: 'register-name', password: 'register-password' }),
  );
  const { busy, error } = registering;
  useFocusOn('register-error', error);

  const submit = async () => {
    registering.setError('');
    if (
      fields.show({
        'register-phone': !isPhone(phone.trim()) ? PHONE_RULE : undefined,
        'register-name': !name.trim() ? '请填写您的姓名。' : undefined,
        'register-password': password.length < 8 ? '密码至少 8 位，请同时包含字母和数字。' : undefined,
        'register-password2': password2 !== password ? '两次输入的密码不一样，请重新输入。' : undefined,
      })
    )
      return;
    if (await registering.submit({ phone: phone.trim(), name: name.trim(), password })) return;
    // The server refused this attempt; a corrected form is a new submission.
    setKey(newIdempotencyKey());
  };

  return (
    <Page>
      <Text className="title">注册新账号</Text>
      <View className="card" style={{ marginTop: '16px' }}>
        <Field
          id="register-phone"
          label="手机号"
          value={phone}
          onChange={setPhone}
          type="number"
          maxlength={11}
          placeholder="11 位手机号"
          error={fields.of('register-phone')}
          required
        />
        <Field id="register-name" label="姓名" value={name} onChange={setName} placeholder="您的真实姓名" error={fields.of('register-name')} required />
        <Field
          id="register-password"
          label="设置密码"
          value={password}
          onChange={setPassword}
          password
          placeholder="至少 8 位"
          hint="至少 8 位，同时包含字母和数字。"
          error={fields.of('register-password')}
          required
        />
        <Field
          id="register-password2"
          label="再输一次密码"
          value={password2}
          onChange={setPassword2}
          password
          placeholder="和上面一样"
          error={fields.of('register-password2')}
          required
          onSubmit={submit}
        />
        <ErrorBox id="register-error" message={error} />
        <Button id="register-submit" className="btn" disabled={busy || undefined} onClick={submit}>
          {busy ? '正在注册…' : '注册'}
        </Button>
      </View>
      <Link id="register-back" onTap={() => Taro.navigateBack()}>
        已有账号？返回登录
      </Link>
      <Link id="register-privacy" onTap={() => Taro.navigateTo({ url: '/auth/privacy/index' })}>
        注册即表示同意《隐私说明》，点此阅读
      </Link>
    </Page>
  );
}
