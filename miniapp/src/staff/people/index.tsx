import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { authApi, type GrantableRole } from '../../api/auth';
import { useSubmit } from '../../api/hooks';
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
  const [notice, setNotice] = useState('');
  const [leaderFor, setLeaderFor] = useState<string | null>(null);
  const [groupId, setGroupId] = useState('');
  const [groupsError, setGroupsError] = useState('');
  const groups = useGroups(setGroupsError);
  const finding = useSubmit(authApi.findAccounts);
  const changing = useSubmit((a: Account, role: GrantableRole, grant: boolean, group?: string) =>
    grant ? authApi.grantRole(a.id, { role, ...(group ? { groupId: group } : {}) }) : authApi.revokeRole(a.id, role),
  );
  const error = finding.error || changing.error || groupsError;

  const search = async () => {
    changing.setError('');
    if (!q.trim()) return finding.setError('请输入姓名、账号或手机号。');
    const found = await finding.submit({ q: q.trim() });
    if (found) setItems(found.items);
  };

  const change = async (a: Account, role: GrantableRole, grant: boolean, message: string, group?: string) => {
    finding.setError('');
    const r = await changing.submit(a, role, grant, group);
    if (!r) return false;
    setItems((old) => (old ?? []).map((x) => (x.id === r.account.id ? r.account : x)));
    setNotice(message);
    return true;
  };
  const toggle = (a: Account, role: GrantableRole, has: boolean) => void change(a, role, !has, `${a.name}：已${has ? '取消' : '设为'}${roleName[role]}`);
  const appointLeader = async (a: Account) => {
    finding.setError('');
    if (!groupId) return changing.setError('请先点选小组。');
    if (!(await change(a, 'group_leader', true, `${a.name}：已任命为${groups?.find((g) => g.id === groupId)?.name ?? ''}组长`, groupId))) return;
    setLeaderFor(null);
    setGroupId('');
  };

  return (
    <Page>
      <View className="card">
        <Field id="people-q" label="找人" value={q} onChange={setQ} placeholder="姓名、账号或手机号" />
        <Button id="people-search" className="btn" onClick={() => void search()}>
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
                <Button id="people-appoint" className="btn" onClick={() => void appointLeader(a)}>
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
