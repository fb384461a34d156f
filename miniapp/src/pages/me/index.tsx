import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { authApi } from '../../api/auth';
import { newIdempotencyKey } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { hasWorkbench, maskPhone, roleName } from '../../api/labels';
import { residentsApi } from '../../api/residents';
import { useSession } from '../../api/session';
import type { Me, Resident } from '../../api/types';
import { useGroups } from '../../api/use-groups';
import { confirmFirst } from '../../components/a11y';
import { GroupTiles } from '../../components/group-tiles';
import { PrivacyPopup } from '../../components/privacy-popup';
import {
  choiceGroupProps,
  ErrorBox,
  Field,
  FieldError,
  Link,
  Loading,
  Page,
  SuccessBox,
  Tap,
  useCareMode,
  useFieldErrors,
  useFocusOn,
} from '../../components/ui';
import { partyApi } from '../../party/api';
import { platform } from '../../platform';

export default function MePage() {
  // The one session: shown fresh each time 我的 is shown (staff may have verified the claim since).
  const session = useSession();
  const me = session.me ?? null;
  const signedIn = session.me !== null;
  const binding = useSubmit(authApi.bindWechatPhone);
  const error = binding.error || session.error;
  const [notice, setNotice] = useState('');
  const load = () => {
    binding.setError('');
    session.reload().catch(() => undefined);
  };
  useDidShow(load);
  // A party member's own entry: the server answers 404 to everyone else, and then nothing shows.
  const partyEntry = useLoad(() => (me ? partyApi.me().catch(() => null) : Promise.resolve(null)), {
    filters: [me?.account.id],
  });

  if (!signedIn) {
    return (
      <Page>
        <View className="card">
          <Text className="h2">您还没有登录</Text>
          <Text className="text">登录后可以在手机上办事、查看办理进度、参加居委会选举。</Text>
          <Button id="login-button" className="btn" onClick={() => Taro.navigateTo({ url: '/auth/login/index' })}>
            登录
          </Button>
          <Link id="me-register-link" onTap={() => Taro.navigateTo({ url: '/auth/register/index' })}>
            没有账号？立即注册
          </Link>
        </View>
        <CareSwitch />
        <Link id="me-privacy" onTap={() => Taro.navigateTo({ url: '/auth/privacy/index' })}>
          隐私说明
        </Link>
      </Page>
    );
  }

  const account = me?.account;
  const onBindPhone = async (code: string | undefined) => {
    if (!code) return binding.setError('没有拿到手机号。如需绑定，请再点一次并选择“允许”。');
    if (!(await binding.submit({ code }))) return;
    setNotice('手机号已绑定。');
    load();
  };

  const signOut = async () => {
    if (!(await confirmFirst({ title: '退出登录？', content: '退出后，要再用手机号或账号和密码登录。', confirmText: '退出登录', danger: true }))) return;
    // The token is gone even when the server cannot be reached (logout clears it in any case).
    await authApi.logout().catch(() => undefined);
    setNotice('');
  };

  return (
    <Page>
      {platform.privacyPopup ? <PrivacyPopup /> : null}
      <ErrorBox id="me-error" message={error} onRetry={error ? load : undefined} />
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
          {platform.wechatSignIn && !account.phone ? (
            <Button id="bind-phone" className="btn btn-secondary" openType="getPhoneNumber" onGetPhoneNumber={(e) => void onBindPhone(e.detail.code)}>
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

      {account?.roles.some((r) => r.role === 'group_leader') ? (
        <Button id="me-group" className="btn" onClick={() => Taro.navigateTo({ url: '/group/index/index' })}>
          我的小组（组长）
        </Button>
      ) : null}
      {partyEntry.data ? (
        <Button id="me-party" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/party/me/index' })}>
          我的党员信息
        </Button>
      ) : null}
      {account && hasWorkbench(account.roles) ? (
        <Button id="staff-entry" className="btn" onClick={() => Taro.navigateTo({ url: '/staff/index/index' })}>
          工作台（工作人员）
        </Button>
      ) : null}
      {account ? (
        <Button id="me-consult" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/consult/list/index' })}>
          征求意见（说说您的想法）
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

      <CareSwitch />
      <Link id="me-privacy" onTap={() => Taro.navigateTo({ url: '/auth/privacy/index' })}>
        隐私说明
      </Link>
      <Button id="logout-button" className="btn btn-danger" onClick={() => void signOut()}>
        退出登录
      </Button>
    </Page>
  );
}

/** 大字模式: bigger text and buttons on every page, remembered on this phone. */
function CareSwitch() {
  const { care, setCare } = useCareMode();
  return (
    <View className="card" id="care-card">
      <Tap id="care-switch" role="switch" selected={care} className="row care-switch" onTap={() => setCare(!care)} label="大字模式">
        <Text className="h2" style={{ marginBottom: 0 }}>
          大字模式
        </Text>
        <Text className={`tag ${care ? 'tag-verified' : ''}`}>{care ? '已打开' : '已关闭'}</Text>
      </Tap>
      <Text className="muted">字和按钮都变大，看得更清楚。{platform.scalesBySetting ? '也会跟着微信里设置的字体大小变化。' : ''}</Text>
    </View>
  );
}

function ResidencyCard({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const resident = me.resident;
  const [open, setOpen] = useState(false);
  if (resident && resident.status === 'returned' && !open) {
    return (
      <View className="card" id="resident-card">
        <View className="row">
          <Text className="h2">居民认证</Text>
          <Text id="resident-status" className="tag tag-rejected">
            被退回
          </Text>
        </View>
        <Text className="text">工作人员退回了您的认证申请，原因：</Text>
        <Text id="resident-return-reason" className="timeline-text">
          {resident.returnReason ?? '请到社区服务窗口询问。'}
        </Text>
        <Button id="claim-open" className="btn" onClick={() => setOpen(true)}>
          修改后重新提交
        </Button>
      </View>
    );
  }
  if (resident && resident.status !== 'returned') {
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
        <ClaimForm onDone={onChanged} initial={resident ?? undefined} />
      ) : (
        <Button id="claim-open" className="btn" onClick={() => setOpen(true)}>
          申请居民认证
        </Button>
      )}
    </View>
  );
}

function ClaimForm({ onDone, initial }: { onDone: () => void; initial?: Resident }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [groupId, setGroupId] = useState(initial?.groupId ?? '');
  const [groupsError, setGroupsError] = useState('');
  const groups = useGroups(setGroupsError);
  const [key] = useState(newIdempotencyKey);
  const fields = useFieldErrors();
  const claiming = useSubmit(residentsApi.claim, (e) => fields.fromServer(e, { name: 'claim-name', idNumber: 'claim-id-number', groupId: 'claim-group' }));
  const error = claiming.error || groupsError;
  const busy = claiming.busy;
  useFocusOn('claim-error', error);

  const submit = async () => {
    claiming.setError('');
    setGroupsError('');
    if (
      fields.show({
        'claim-name': !name.trim() ? '请填写真实姓名。' : undefined,
        'claim-id-number': !/^\d{17}[\dXx]$/.test(idNumber.trim()) ? '身份证号是 18 位，最后一位可能是 X，请核对。' : undefined,
        'claim-group': !groupId ? '请点选您所在的居民小组。' : undefined,
      })
    )
      return;
    if (await claiming.submit({ name: name.trim(), idNumber: idNumber.trim().toUpperCase(), groupId }, key)) onDone();
  };

  return (
    <View id="claim-form">
      <Field id="claim-name" label="真实姓名" value={name} onChange={setName} placeholder="和身份证上一致" error={fields.of('claim-name')} required />
      <Field
        id="claim-id-number"
        label="身份证号"
        value={idNumber}
        onChange={setIdNumber}
        type="idcard"
        maxlength={18}
        placeholder="18 位身份证号"
        error={fields.of('claim-id-number')}
        required
      />
      <Text className="label" id="claim-group-label">
        所在居民小组
      </Text>
      <View {...choiceGroupProps('claim-group', '所在居民小组', fields.of('claim-group'))}>
        {groups === null ? <Loading /> : <GroupTiles groups={groups} value={groupId} onChange={setGroupId} />}
      </View>
      <FieldError id="claim-group" message={fields.of('claim-group')} />
      <ErrorBox id="claim-error" message={error} />
      <Button id="claim-submit" className="btn" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : '提交认证申请'}
      </Button>
    </View>
  );
}
