import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, getToken, messageOf, newIdempotencyKey } from '../../api/client';
import { bindWechatPhone, claimResidency, getMe, logout } from '../../api/endpoints';
import { isStaff, maskPhone, roleName } from '../../api/labels';
import type { Me } from '../../api/types';
import { useGroups } from '../../api/use-groups';
import { GroupTiles } from '../../components/group-tiles';
import { PrivacyPopup } from '../../components/privacy-popup';
import { ErrorBox, Field, Loading, SuccessBox } from '../../components/ui';

const isWeapp = process.env.TARO_ENV === 'weapp';

export default function MePage() {
  const [signedIn, setSignedIn] = useState(!!getToken());
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const load = () => {
    const has = !!getToken();
    setSignedIn(has);
    if (!has) {
      setMe(null);
      return;
    }
    getMe()
      .then((m) => {
        setMe(m);
        setError('');
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          // The token no longer works (signed out elsewhere or expired): start over.
          void logout().finally(() => {
            setSignedIn(false);
            setMe(null);
          });
          return;
        }
        setError(messageOf(e));
      });
  };
  useDidShow(load);

  if (!signedIn) {
    return (
      <View className="page">
        <View className="card">
          <Text className="h2">您还没有登录</Text>
          <Text className="text">登录后可以在手机上办事、查看办理进度、参加居委会选举。</Text>
          <Button id="login-button" className="btn" onClick={() => Taro.navigateTo({ url: '/auth/login/index' })}>
            登录
          </Button>
          <Text id="me-register-link" className="link" onClick={() => Taro.navigateTo({ url: '/auth/register/index' })}>
            没有账号？立即注册
          </Text>
        </View>
        <Text className="link" onClick={() => Taro.navigateTo({ url: '/auth/privacy/index' })}>
          隐私说明
        </Text>
      </View>
    );
  }

  const account = me?.account;
  const onBindPhone = (code: string | undefined) => {
    if (!code) {
      setError('没有拿到手机号。如需绑定，请再点一次并选择“允许”。');
      return;
    }
    bindWechatPhone(code)
      .then(() => {
        setNotice('手机号已绑定。');
        load();
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };

  return (
    <View className="page">
      {isWeapp ? <PrivacyPopup /> : null}
      <ErrorBox id="me-error" message={error} />
      <SuccessBox id="me-notice" message={notice} />
      {!me && !error ? <Loading /> : null}
      {account ? (
        <View className="card">
          <Text id="me-name" className="title">
            {account.name}
          </Text>
          <Text id="me-phone" className="text">
            手机号：{account.phone ? maskPhone(account.phone) : '未绑定'}
          </Text>
          <Text id="me-roles" className="text">
            身份：{account.roles.map((r) => roleName[r.role] ?? r.role).join('、') || '居民'}
          </Text>
          {isWeapp && !account.phone ? (
            <Button id="bind-phone" className="btn btn-secondary" openType="getPhoneNumber" onGetPhoneNumber={(e) => onBindPhone(e.detail.code)}>
              绑定微信手机号
            </Button>
          ) : null}
        </View>
      ) : null}

      {me ? (
        <ResidencyCard
          me={me}
          onChanged={() => {
            setNotice('认证申请已提交，请等工作人员审核。');
            void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
            load();
          }}
        />
      ) : null}

      {account && isStaff(account.roles) ? (
        <Button id="staff-entry" className="btn" onClick={() => Taro.navigateTo({ url: '/staff/index/index' })}>
          工作台（工作人员）
        </Button>
      ) : null}
      {account ? (
        <Button id="me-requests" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/service/list/index' })}>
          我办的事
        </Button>
      ) : null}
      {account ? (
        <Button id="me-notice-settings" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/notices/settings/index' })}>
          公告订阅与消息提醒
        </Button>
      ) : null}

      <Text className="link" onClick={() => Taro.navigateTo({ url: '/auth/privacy/index' })}>
        隐私说明
      </Text>
      <Button
        id="logout-button"
        className="btn btn-danger"
        onClick={() => {
          void logout().finally(() => {
            setMe(null);
            setNotice('');
            setSignedIn(false);
          });
        }}
      >
        退出登录
      </Button>
    </View>
  );
}

function ResidencyCard({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const resident = me.resident;
  const [open, setOpen] = useState(false);
  if (resident) {
    const verified = resident.status === 'verified';
    return (
      <View className="card" id="resident-card">
        <View className="row">
          <Text className="h2">居民认证</Text>
          <Text id="resident-status" className={`tag tag-${resident.status}`}>
            {verified ? '已认证' : '待审核'}
          </Text>
        </View>
        <Text className="text">姓名：{resident.name}</Text>
        {resident.groupName ? <Text className="text">小组：{resident.groupName}</Text> : null}
        <Text className="text">身份证：{resident.idNumberMasked}</Text>
        {!verified ? <Text className="muted">工作人员核对后就会通过，一般 1–2 个工作日。也可以带身份证到社区服务窗口办理。</Text> : null}
      </View>
    );
  }
  return (
    <View className="card" id="resident-card">
      <Text className="h2">居民认证</Text>
      <Text className="text">认证后才能参加选举、委托投票。需要填写真实姓名和身份证号。</Text>
      {open ? (
        <ClaimForm onDone={onChanged} />
      ) : (
        <Button id="claim-open" className="btn" onClick={() => setOpen(true)}>
          申请居民认证
        </Button>
      )}
    </View>
  );
}

function ClaimForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [groupId, setGroupId] = useState('');
  const [error, setError] = useState('');
  const groups = useGroups(setError);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  const submit = () => {
    if (!name.trim()) return setError('请填写真实姓名。');
    if (!/^\d{17}[\dXx]$/.test(idNumber.trim())) return setError('身份证号是 18 位，请核对后重新填写。');
    if (!groupId) return setError('请点选您所在的居民小组。');
    setBusy(true);
    setError('');
    claimResidency({ name: name.trim(), idNumber: idNumber.trim().toUpperCase(), groupId }, key)
      .then(onDone)
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };

  return (
    <View id="claim-form">
      <Field id="claim-name" label="真实姓名" value={name} onChange={setName} placeholder="和身份证上一致" />
      <Field id="claim-id-number" label="身份证号" value={idNumber} onChange={setIdNumber} type="idcard" maxlength={18} placeholder="18 位身份证号" />
      <Text className="label">所在居民小组</Text>
      {groups === null ? <Loading /> : <GroupTiles groups={groups} value={groupId} onChange={setGroupId} />}
      <ErrorBox id="claim-error" message={error} />
      <Button id="claim-submit" className="btn" disabled={busy || undefined} onClick={submit}>
        {busy ? '正在提交…' : '提交认证申请'}
      </Button>
    </View>
  );
}
