import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap } from '../../components/ui';
import { chinaTime, electionDayApi, type FoundVoter, type OfficialRole, officialRoleName, useElection } from '../api';
import '../election-day.css';

const roles: OfficialRole[] = ['counter', 'monitor', 'clerk'];

/**
 * Committee: the counters, monitors and clerks it proposed, each recorded when the meeting
 * approves them by show of hands (the time is now, when the button is pressed).
 */
export default function OfficialsPage() {
  const [notice, setNotice] = useState('');
  const { election, error: electionError } = useElection();
  const officials = useLoad(async () => (election ? (await electionDayApi.officials(election.id)).items : undefined), {
    onShow: false,
    filters: [election?.id],
  });
  // One step at a time (a search, an appointment); its failure in the page's box.
  const acting = useSubmit(async (step: () => Promise<void>) => {
    await step();
    return true;
  });
  const [q, setQ] = useState('');
  const [found, setFound] = useState<FoundVoter[] | null>(null);
  const [role, setRole] = useState<OfficialRole>('counter');
  const items = officials.data ?? null;
  const error = electionError || officials.error || acting.error;
  if (!election) return <Page>{error ? <ErrorBox id="off-error" message={error} /> : <Loading />}</Page>;

  const search = () => {
    if (!q.trim()) return acting.setError('请输入姓名。');
    void acting.submit(async () => {
      const r = await electionDayApi.findVoters(election.id, q.trim());
      setFound(r.items);
      if (!r.items.length) acting.setError('选民名单上没有这个名字。');
    });
  };
  const appoint = (v: FoundVoter) => {
    setNotice('');
    void acting.submit(async () => {
      await electionDayApi.appoint(election.id, v.residentId, role);
      setNotice(`${v.name}已登记为${officialRoleName[role]}。`);
      void officials.reload();
    });
  };
  return (
    <Page>
      <ErrorBox id="off-error" message={error} />
      <SuccessBox id="off-notice" message={notice} />
      <View className="card">
        <Text className="h2">举手表决通过后登记</Text>
        <View className="tabs" role="radiogroup" aria-label="担任">
          {roles.map((r) => (
            <Tap key={r} id={`off-role-${r}`} role="radio" selected={role === r} className={`tab ${role === r ? 'tab-active' : ''}`} onTap={() => setRole(r)}>
              {officialRoleName[r]}
            </Tap>
          ))}
        </View>
        <Field id="off-q" label="姓名" value={q} onChange={setQ} placeholder="输入姓名查找" />
        <Tap id="off-search" className="btn" onTap={search}>
          查找
        </Tap>
        {(found ?? []).map((v) => (
          <View key={v.residentId} className="ed-row">
            <Text className="ed-grow">
              {v.name}（{v.groupName}）
            </Text>
            <Tap id={`off-pick-${v.residentId}`} className="ed-small-btn" label={`${v.name}已举手表决通过为${officialRoleName[role]}`} onTap={() => appoint(v)}>
              表决通过
            </Tap>
          </View>
        ))}
      </View>
      <View className="card" id="off-list">
        <Text className="h2">已通过的工作人员</Text>
        {items?.length === 0 ? <Text className="empty">还没有。</Text> : null}
        {(items ?? []).map((o) => (
          <View key={o.id} className="ed-row">
            <Text className="ed-grow">
              {o.roleName}：{o.name}（{o.groupName}）
            </Text>
            <Text className="muted">{chinaTime(o.approvedAt)} 通过</Text>
          </View>
        ))}
      </View>
      <Text className="muted">候选人不能担任计票、监票和发票人员。</Text>
    </Page>
  );
}
