import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { calendarOf, chinaToday, countdown, createElection, deadlineNames, downloadExport, getCurrentElection, registerAllVoters } from '../../api/elections';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox } from '../../components/ui';
import { listObjections } from '../../objections/api';

/** The committee's election desk: set up the election, register every voter, exports, and the ways to the other tasks. */
export default function ElectionManagePage() {
  const loaded = useLoad(getCurrentElection);
  const currentId = loaded.data?.election?.id;
  // Open objections and those past their 3 days, for the card that leads to them.
  const objections = useLoad(async () => (currentId ? listObjections(currentId) : null), { filters: [currentId] });
  const [notice, setNotice] = useState('');
  const registering = useSubmit(async (id: string) => {
    const r = await registerAllVoters(id);
    const skipped = r.skipped.map((k) => k.detail).join('');
    setNotice(`${r.registered > 0 ? `已登记 ${r.registered} 名选民。` : '符合条件的居民都已经登记了。'}${skipped}`);
    await loaded.reload();
  });
  const downloading = useSubmit(downloadExport);
  const data = loaded.data ?? null;
  const error = loaded.error || registering.error || downloading.error;
  const busy = registering.busy;

  const election = data?.election;
  const calendar = calendarOf(data);
  const today = calendar?.today ?? chinaToday();

  const registerAll = () => {
    if (!election) return;
    downloading.setError('');
    setNotice('');
    void registering.submit(election.id);
  };

  const download = (kind: 'voters' | 'nominations') => {
    if (!election) return;
    registering.setError('');
    void downloading.submit(election.id, kind);
  };

  return (
    <Page>
      <ErrorBox id="manage-error" message={error} />
      <SuccessBox id="manage-notice" message={notice} />
      {!data && !error ? <Loading /> : null}
      {data && (!election || election.electionDay < today) ? (
        <NewElectionForm
          onCreated={(title) => {
            setNotice(`已创建“${title}”。`);
            void loaded.reload();
          }}
        />
      ) : null}
      {election ? (
        <>
          <View className="card" id="manage-election">
            <Text className="title">{election.title}</Text>
            <Text className="text">
              选举日：{election.electionDay}（{countdown(today, election.electionDay)}）
            </Text>
            <Text className="text">
              主任 {election.seats.director} 名、副主任 {election.seats.deputyDirector} 名、委员 {election.seats.members} 名
            </Text>
            {calendar?.phase ? <Text className="text">现在是：{calendar.phase.name}阶段</Text> : null}
            {deadlineNames.map(([key, name]) =>
              calendar?.deadlines[key] ? (
                <Text key={key} className="muted">
                  {name}：{data.deadlines[key]}（{countdown(today, calendar.deadlines[key])}）
                </Text>
              ) : null,
            )}
            {calendar?.phase.todo.map((t) => (
              <Text key={t} className="text">
                · 待办：{t}
              </Text>
            ))}
          </View>
          <View className="card">
            <Text className="h2" id="manage-voter-count">
              已登记选民：{calendar?.registeredVoters ?? 0} 人
            </Text>
            <Button id="manage-register-all" className="btn" disabled={busy || undefined} onClick={registerAll}>
              {busy ? '正在登记…' : '登记全部符合条件的居民'}
            </Button>
            <Text className="hint">已认证、选举日满{election.rules.minVoterAge}周岁的居民一次登记；已登记的不会重复。</Text>
            <Button id="manage-households" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/election/households/index' })}>
              按户查看、逐个登记
            </Button>
          </View>
          {objections.data ? (
            <View className="card" id="manage-objections">
              <Text className="h2">选民名单异议：待处理 {objections.data.open} 件</Text>
              {objections.data.overdue ? (
                <Text className="bad-line" id="manage-objections-overdue">
                  其中 {objections.data.overdue} 件已超过3天期限，请尽快决定。
                </Text>
              ) : null}
              <Button
                id="manage-objections-open"
                className="btn btn-secondary"
                onClick={() => Taro.navigateTo({ url: `/objections/queue/index?electionId=${election.id}` })}
              >
                处理异议和登记申请
              </Button>
            </View>
          ) : null}
          <View className="card">
            <Button id="manage-nominations" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/election/nominations/index' })}>
              确认居民代表
            </Button>
            <Button id="manage-audit" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/election/audit/index' })}>
              选举记录与核验
            </Button>
            <Button id="manage-export-voters" className="btn btn-secondary" onClick={() => download('voters')}>
              下载选民名单（Excel）
            </Button>
            <Button id="manage-export-nominations" className="btn btn-secondary" onClick={() => download('nominations')}>
              下载居民代表名单（Excel）
            </Button>
          </View>
        </>
      ) : null}
    </Page>
  );
}

function NewElectionForm({ onCreated }: { onCreated: (title: string) => void }) {
  const [title, setTitle] = useState('八珠街社区第一届居民委员会选举');
  const [day, setDay] = useState('');
  const [deputies, setDeputies] = useState('1');
  const [members, setMembers] = useState('3');
  const [key, setKey] = useState(newIdempotencyKey);
  const creating = useSubmit(createElection);
  const { busy, error } = creating;

  const submit = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return creating.setError('请填写选举日，格式如 2026-12-20');
    const e = await creating.submit(
      { title: title.trim(), electionDay: day, seats: { director: 1, deputyDirector: Number(deputies), members: Number(members) } },
      key,
    );
    if (!e) return;
    setKey(newIdempotencyKey());
    onCreated(e.title);
  };

  return (
    <View className="card" id="new-election">
      <Text className="h2">创建选举</Text>
      <Field id="election-title" label="选举名称" value={title} onChange={setTitle} maxlength={60} />
      <Field id="election-day-input" label="选举日" value={day} onChange={setDay} placeholder="如 2026-12-20" maxlength={10} />
      <Field id="election-deputies" label="副主任人数" value={deputies} onChange={setDeputies} type="number" maxlength={1} />
      <Field id="election-members" label="委员人数" value={members} onChange={setMembers} type="number" maxlength={1} hint="主任1名。居委会共5至9人。" />
      <ErrorBox id="new-election-error" message={error} />
      <Button id="election-create" className="btn" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在创建…' : '创建选举'}
      </Button>
    </View>
  );
}
