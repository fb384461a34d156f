import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { electionsApi } from '../../api/elections';
import { usePaged, useSubmit } from '../../api/hooks';
import { useGroups } from '../../api/use-groups';
import { GroupTiles } from '../../components/group-tiles';
import { ErrorBox, Loading, Page, SuccessBox, toastDone } from '../../components/ui';

/** 入户登记: household by household, who is registered and who is still missing; register one with a tap. */
export default function HouseholdsPage() {
  const [groupId, setGroupId] = useState('');
  const [notice, setNotice] = useState('');
  const [groupsError, setGroupsError] = useState('');
  const groups = useGroups(setGroupsError);
  const households = usePaged((cursor) => electionsApi.households({ groupId: groupId || undefined, cursor }), { filters: [groupId] });
  const registering = useSubmit(electionsApi.registerVoter);
  const naming = useSubmit(electionsApi.nameHouseholdVoter);
  const { items, cursor } = households;
  const election = households.first?.election ?? null;
  const error = groupsError || households.error || registering.error || naming.error;
  const byHousehold = election?.mode === 'households';

  const name = async (householdId: string, residentId: string, who: string, label: string) => {
    if (!election) return;
    setNotice('');
    if (!(await naming.submit(election.id, householdId, { residentId }))) return;
    setNotice(`已定${who}代表${label}投票。`);
    toastDone(`${who}代表本户投票`);
    await households.reload();
  };

  const register = async (residentId: string, name: string) => {
    if (!election) return;
    setNotice('');
    if (!(await registering.submit(election.id, residentId))) return;
    setNotice(`已把${name}登记为选民。`);
    await households.reload();
  };

  return (
    <Page>
      <ErrorBox id="households-error" message={error} />
      <SuccessBox id="households-notice" message={notice} />
      <View className="card">
        <Text className="h2">选哪个小组？</Text>
        {groups === null ? <Loading /> : <GroupTiles groups={groups} value={groupId} onChange={setGroupId} />}
        {!election && items ? <Text className="muted">还没有安排选举：先在“选举工作”里创建选举，才能登记选民。</Text> : null}
      </View>
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <Text className="empty">这个小组还没有分户登记的居民。</Text> : null}
      {(items ?? []).map((h) => (
        <View key={h.id} className="card" id={`household-${h.id}`}>
          <Text className="h2">
            {h.groupName} · {h.label}
          </Text>
          {byHousehold && !h.unhoused && h.members.some((m) => m.voter) ? (
            <Text className={h.members.some((m) => m.votesForHousehold) ? 'ok-line' : 'bad-line'}>
              {h.members.some((m) => m.votesForHousehold) ? '本户投票人已选定' : '本次选举每户派一人投票：请选定本户的投票人'}
            </Text>
          ) : null}
          <Text className={h.missing.length ? 'bad-line' : 'ok-line'}>
            已登记 {h.registered} 人{h.missing.length ? `，还差 ${h.missing.length} 人` : '，都已登记'}
          </Text>
          {h.members.map((m) => (
            <View key={m.residentId} className="list-item">
              <Text className="text">
                {m.name}　{m.age}岁　{m.voter ? '✓ 选民' : m.eligible ? '未登记' : !m.verified ? '待认证' : '未满18岁'}
              </Text>
              {byHousehold && m.voter && m.votesForHousehold ? (
                <Text className="ok-line" id={`household-voter-${m.residentId}`}>
                  ✓ 代表本户投票
                </Text>
              ) : null}
              {byHousehold && m.voter && !m.votesForHousehold && !h.unhoused ? (
                <Button id={`name-voter-${m.residentId}`} className="btn btn-secondary" onClick={() => void name(h.id, m.residentId, m.name, h.label)}>
                  定{m.name}代表本户投票
                </Button>
              ) : null}
              {m.eligible && !m.voter && election ? (
                <Button id={`register-${m.residentId}`} className="btn btn-secondary" onClick={() => void register(m.residentId, m.name)}>
                  登记{m.name}为选民
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ))}
      {cursor ? (
        <Button className="btn btn-secondary" onClick={() => void households.more(cursor)}>
          加载更多
        </Button>
      ) : null}
    </Page>
  );
}
