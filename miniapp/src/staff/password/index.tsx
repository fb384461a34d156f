import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useSubmit } from '../../api/hooks';
import { residentsApi } from '../../api/residents';
import type { Resident } from '../../api/types';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Field, Page, SuccessBox, useFieldErrors, useFocusOn } from '../../components/ui';

/**
 * 忘记密码 at the window: find the resident, check their ID card, give their account a temporary
 * password. The act is recorded (audit chain); the resident's other sessions end.
 */
export default function PasswordReset() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Resident[] | null>(null);
  const [done, setDone] = useState('');
  const finding = useSubmit(residentsApi.find);
  const resetting = useSubmit(residentsApi.resetPassword);
  const error = finding.error || resetting.error;
  const fields = useFieldErrors();
  useFocusOn('password-done', done);

  const search = () => {
    setDone('');
    resetting.setError('');
    if (fields.show({ 'password-q': q.trim() ? undefined : '请输入居民的姓名（可以只输一部分）。' })) return;
    void finding.submit(q.trim()).then((found) => found && setItems(found));
  };

  const reset = (r: Resident) => {
    void confirmFirst({
      title: `给${r.name}重设密码？`,
      content: '请先核对本人身份证。重设后旧密码立即失效，他在其他手机上的登录也会退出。',
      confirmText: '重设密码',
      danger: true,
    }).then((ok) => {
      if (!ok) return;
      void resetting
        .submit(r.id)
        .then(
          (res) =>
            res && setDone(`${res.residentName}的临时密码是：${res.temporaryPassword.split('').join(' ')}。请写在纸上交给本人，登录后尽快改成自己的密码。`),
        );
    });
  };

  return (
    <Page>
      <View className="card">
        <Text className="text">居民忘记密码时：请他带身份证到窗口，核对无误后在这里重设。</Text>
        <Field
          id="password-q"
          label="居民姓名"
          value={q}
          onChange={setQ}
          placeholder="例如：张桂兰"
          error={fields.of('password-q')}
          required
          onSubmit={search}
        />
        <Button id="password-search" className="btn" onClick={search}>
          查找
        </Button>
      </View>
      <SuccessBox id="password-done" message={done} />
      <ErrorBox id="password-error" message={error} />
      {items?.length === 0 ? <Text className="empty">没有找到。请核对姓名。</Text> : null}
      {(items ?? []).map((r) => (
        <View key={r.id} className="list-item" id={`password-resident-${r.id}`}>
          <Text className="h2">{r.name}</Text>
          <Text className="text">
            {r.groupName ?? ''} · 身份证 {r.idNumberMasked} · {r.birthDate}
          </Text>
          {r.hasAccount ? (
            <Button id={`password-reset-${r.id}`} className="btn btn-danger" onClick={() => reset(r)}>
              重设密码
            </Button>
          ) : (
            <Text className="muted">还没有账号（在窗口登记的居民），不用重设。</Text>
          )}
        </View>
      ))}
    </Page>
  );
}
