import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { type Household, listHouseholds, registerVoter } from '../../api/elections';
import type { HouseholdPage } from '../../api/types';
import { useGroups } from '../../api/use-groups';
import { GroupTiles } from '../../components/group-tiles';
import { ErrorBox, Loading, SuccessBox } from '../../components/ui';

/** 入户登记: household by household, who is registered and who is still missing; register one with a tap. */
export default function HouseholdsPage() {
  const [groupId, setGroupId] = useState('');
  const [election, setElection] = useState<HouseholdPage['election']>(null);
  const [items, setItems] = useState<Household[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const groups = useGroups(setError);

  const load = (gid: string) =>
    listHouseholds({ groupId: gid || undefined })
      .then((r) => {
        setElection(r.election);
        setItems(r.items);
        setCursor(r.nextCursor);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  useDidShow(() => {
    void load(groupId);
  });

  const register = (residentId: string, name: string) => {
    if (!election) return;
    setError('');
    setNotice('');
    registerVoter(election.id, residentId)
      .then(() => {
        setNotice(`已把${name}登记为选民。`);
        return load(groupId);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };

  return (
    <View className="page">
      <ErrorBox id="households-error" message={error} />
      <SuccessBox id="households-notice" message={notice} />
      <View className="card">
        <Text className="h2">选哪个小组？</Text>
        {groups === null ? (
          <Loading />
        ) : (
          <GroupTiles
            groups={groups}
            value={groupId}
            onChange={(id) => {
              setGroupId(id);
              setItems(null);
              void load(id);
            }}
          />
        )}
        {!election && items ? <Text className="muted">还没有安排选举：先在“选举工作”里创建选举，才能登记选民。</Text> : null}
      </View>
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <Text className="empty">这个小组还没有分户登记的居民。</Text> : null}
      {(items ?? []).map((h) => (
        <View key={h.id} className="card" id={`household-${h.id}`}>
          <Text className="h2">
            {h.groupName} · {h.label}
          </Text>
          <Text className={h.missing.length ? 'bad-line' : 'ok-line'}>
            已登记 {h.registered} 人{h.missing.length ? `，还差 ${h.missing.length} 人` : '，都已登记'}
          </Text>
          {h.members.map((m) => (
            <View key={m.residentId} className="list-item">
              <Text className="text">
                {m.name}　{m.age}岁　{m.voter ? '✓ 选民' : m.eligible ? '未登记' : !m.verified ? '待认证' : '未满18岁'}
              </Text>
              {m.eligible && !m.voter && election ? (
                <Button id={`register-${m.residentId}`} className="btn btn-secondary" onClick={() => register(m.residentId, m.name)}>
                  登记{m.name}为选民
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ))}
      {cursor ? (
        <Button
          className="btn btn-secondary"
          onClick={() =>
            listHouseholds({ groupId: groupId || undefined, cursor })
              .then((r) => {
                setItems((prev) => [...(prev ?? []), ...r.items]);
                setCursor(r.nextCursor);
              })
              .catch((e: unknown) => setError(messageOf(e)))
          }
        >
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
