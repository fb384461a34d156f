import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { findAccounts, type GrantableRole, grantRole, revokeRole } from '../../api/endpoints';
import { roleName } from '../../api/labels';
import type { Account } from '../../api/types';
import { useGroups } from '../../api/use-groups';
import { GroupTiles } from '../../components/group-tiles';
import { ErrorBox, Field, Page, SuccessBox, Tap } from '../../components/ui';

const plainRoles: GrantableRole[] = ['staff', 'committee', 'admin'];

/** Administrators: find a person, then give or take back staff, committee, admin or group-leader roles. */
export default function PeoplePage() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Account[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [leaderFor, setLeaderFor] = useState<string | null>(null);
  const [groupId, setGroupId] = useState('');
  const groups = useGroups(setError);

  const search = () => {
    if (!q.trim()) return setError('请输入姓名、账号或手机号。');
    findAccounts({ q: q.trim() })
      .then((r) => {
        setItems(r.items);
        setError('');
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };

  const replace = (account: Account, message: string) => {
    setItems((old) => (old ?? []).map((a) => (a.id === account.id ? account : a)));
    setNotice(message);
    setError('');
  };
  const toggle = (a: Account, role: GrantableRole, has: boolean) => {
    (has ? revokeRole(a.id, role) : grantRole(a.id, role))
      .then((r) => replace(r.account, `${a.name}：已${has ? '取消' : '设为'}${roleName[role]}`))
      .catch((e: unknown) => setError(messageOf(e)));
  };
  const appointLeader = (a: Account) => {
    if (!groupId) return setError('请先点选小组。');
    grantRole(a.id, 'group_leader', groupId)
      .then((r) => {
        replace(r.account, `${a.name}：已任命为${groups?.find((g) => g.id === groupId)?.name ?? ''}组长`);
        setLeaderFor(null);
        setGroupId('');
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };

  return (
    <Page>
      <View className="card">
        <Field id="people-q" label="找人" value={q} onChange={setQ} placeholder="姓名、账号或手机号" />
        <Button id="people-search" className="btn" onClick={search}>
          查找
        </Button>
      </View>
      <ErrorBox id="people-error" message={error} />
      <SuccessBox id="people-notice" message={notice} />
      {items?.length === 0 ? <Text className="empty">没有找到。请核对姓名或手机号。</Text> : null}
      {(items ?? []).map((a) => {
        const has = (role: GrantableRole) => a.roles.some((r) => r.role === role);
        const leaderOf = a.roles.filter((r) => r.role === 'group_leader').map((r) => groups?.find((g) => g.id === r.groupId)?.name ?? '');
        return (
          <View key={a.id} id={`person-${a.id}`} className="card" style={{ marginTop: '16px' }}>
            <Text className="h2">{a.name}</Text>
            <Text className="hint">
              {[a.username, a.phone].filter(Boolean).join(' · ')}
              {leaderOf.length ? ` · ${leaderOf.join('、')}组长` : ''}
            </Text>
            <View className="tabs" {...({ role: 'group', 'aria-label': '角色' } as object)}>
              {plainRoles.map((role) => (
                <Tap
                  key={role}
                  id={`role-${a.id}-${role}`}
                  testId={`role-${role}`}
                  role="checkbox"
                  selected={has(role)}
                  className={`tab ${has(role) ? 'tab-active' : ''}`}
                  onTap={() => toggle(a, role, has(role))}
                >
                  {has(role) ? `✓ ${roleName[role]}` : roleName[role]}
                </Tap>
              ))}
              <Tap
                id={`role-${a.id}-group_leader`}
                testId="role-group_leader"
                selected={leaderFor === a.id}
                className="tab"
                onTap={() => setLeaderFor(leaderFor === a.id ? null : a.id)}
              >
                任命组长
              </Tap>
            </View>
            {leaderFor === a.id && groups ? (
              <View>
                <GroupTiles groups={groups} value={groupId} onChange={setGroupId} />
                <Button id="people-appoint" className="btn" onClick={() => appointLeader(a)}>
                  确认任命
                </Button>
              </View>
            ) : null}
          </View>
        );
      })}
    </Page>
  );
}
