import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { communityApi } from '../../api/community';
import { chinaToday, countdown, type Election, electionsApi, type Step } from '../../api/elections';
import { useLoad, useSubmit } from '../../api/hooks';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Field, Loading, Page, SuccessBox, toastDone } from '../../components/ui';
import './manage.css';

const modeNames = { voters: '全体选民投票', households: '每户派代表投票', representatives: '居民代表投票' } as const;

const stateNames: Record<Step['state'], string> = { done: '已完成', due: '待办', late: '已逾期', open: '进行中', waiting: '还不能办' };

const dayZh = (date: string) => {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
};

/** Where each step is done; the voter list is published from this page itself. */
function stepPage(step: Step['key'], electionId: string): { url: string; label: string } | null {
  const e = `?e=${electionId}`;
  switch (step) {
    case 'voters':
    case 'households':
      return { url: '/election/households/index', label: '按户登记选民' };
    case 'objections':
      return { url: `/objections/queue/index?electionId=${electionId}`, label: '处理异议和登记申请' };
    case 'representatives':
      return { url: '/election/nominations/index', label: '确认居民代表' };
    case 'nominations':
    case 'candidates':
      return { url: `/candidate-nominations/committee/index?electionId=${electionId}`, label: step === 'nominations' ? '查看提名' : '确定正式候选人' };
    case 'proxies':
      return { url: `/proxy/queue/index?electionId=${electionId}`, label: '审批委托投票' };
    case 'officials':
      return { url: `/election-day/officials/index${e}`, label: '任命工作人员' };
    case 'printing':
      return { url: `/election-day/index/index${e}`, label: '打印选票和选民证' };
    case 'desk':
      return { url: `/election-day/desk/index${e}`, label: '去发票处' };
    case 'count':
    case 'results':
      return { url: `/election-day/results/index${e}`, label: step === 'count' ? '查看计票' : '公布选举结果' };
    default:
      return null;
  }
}

/**
 * 选举工作: the committee's one desk. The election's steps in the law's order, each with its state
 * (done, due by a date, late, open, or waiting and for what), the page where it is done one tap
 * away; the day and the seats editable while the law allows (the server's locks say when); the
 * voter list published from here, written from the list itself.
 */
export default function ElectionDeskPage() {
  const loaded = useLoad(electionsApi.current);
  const election = loaded.data?.election ?? null;
  const steps = useLoad(async () => (election ? electionsApi.steps(election.id) : null), { filters: [election?.id] });
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState(false);
  const reload = async () => {
    await loaded.reload();
    await steps.reload();
  };
  const acting = useSubmit(async (fn: () => Promise<string>) => {
    const done = await fn();
    setNotice(done);
    toastDone(done);
    await reload();
    return true;
  });
  const downloading = useSubmit(electionsApi.downloadExport);
  const error = loaded.error || steps.error || acting.error || downloading.error;
  const today = (loaded.data && 'today' in loaded.data ? loaded.data.today : undefined) ?? chinaToday();

  const registerAll = async () => {
    if (!election) return;
    const ok = await confirmFirst({
      title: '登记全部符合条件的居民',
      content: `已认证、选举日满18周岁的居民都会登记为选民。名单公布后，只能通过异议决定更改。确定登记吗？`,
      confirmText: '登记',
    });
    if (!ok) return;
    setNotice('');
    void acting.submit(async () => {
      const r = await electionsApi.registerAllVoters(election.id);
      const skipped = r.skipped.map((k) => k.detail).join('');
      return `${r.registered > 0 ? `已登记 ${r.registered} 名选民。` : '符合条件的居民都已经登记了。'}${skipped}`;
    });
  };

  const publishList = async () => {
    if (!election) return;
    const ok = await confirmFirst({
      title: '公布选民名单',
      content: '全体选民的名单（按小组）会作为选举公告发布，订阅的居民会收到通知。公布后名单不能直接改，只能通过异议决定更改。确定公布吗？',
      confirmText: '公布',
    });
    if (!ok) return;
    setNotice('');
    void acting.submit(async () => {
      const n = await electionsApi.publishVoterList(election.id);
      return `选民名单已公布（${n.title}）。请同时打印名单张贴在公告栏。`;
    });
  };

  const stepList = steps.data?.steps ?? null;
  return (
    <Page className="page-wide">
      <ErrorBox id="manage-error" message={error} />
      <SuccessBox id="manage-notice" message={notice} />
      {loaded.data === undefined && !error ? <Loading /> : null}
      {loaded.data && (!election || election.electionDay < today) ? (
        <NewElectionForm
          onCreated={(title) => {
            setNotice(`已创建“${title}”。`);
            toastDone('选举已创建');
            void reload();
          }}
        />
      ) : null}
      {election ? (
        <>
          <View className="card" id="manage-election">
            <Text className="title">{election.title}</Text>
            <Text className="text">
              选举日：{dayZh(election.electionDay)}（{countdown(today, election.electionDay)}）
            </Text>
            <Text className="text">
              主任 {election.seats.director} 名、副主任 {election.seats.deputyDirector} 名、委员 {election.seats.members} 名 · {modeNames[election.mode]}
            </Text>
            {editing ? (
              <EditElection
                election={election}
                onDone={(text) => {
                  setEditing(false);
                  setNotice(text);
                  toastDone(text);
                  void reload();
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <Button id="manage-edit" className="btn btn-secondary" onClick={() => setEditing(true)}>
                修改选举日或名额
              </Button>
            )}
          </View>

          <View className="card" id="manage-steps">
            <Text className="h2">选举工作步骤（按法律规定的顺序）</Text>
            {stepList === null && !steps.error ? <Loading /> : null}
            {(stepList ?? []).map((s, i) => {
              const page = stepPage(s.key, election.id);
              return (
                <View key={s.key} className={`step step-${s.state}`} id={`step-${s.key}`}>
                  <View className="step-head">
                    <Text className="step-title">
                      {i + 1}. {s.title}
                    </Text>
                    <Text className={`step-state step-state-${s.state}`} id={`step-${s.key}-state`}>
                      {stateNames[s.state]}
                      {s.state === 'due' && s.dueBy ? `（${dayZh(s.dueBy)}前）` : ''}
                    </Text>
                  </View>
                  <Text className="text">{s.detail}</Text>
                  {s.waitingFor ? <Text className="muted">要等：{s.waitingFor}</Text> : null}
                  {s.key === 'voters' && s.state !== 'done' ? (
                    <Button id="manage-register-all" className="btn" disabled={acting.busy || undefined} onClick={() => void registerAll()}>
                      登记全部符合条件的居民
                    </Button>
                  ) : null}
                  {s.key === 'voterList' && (s.state === 'due' || s.state === 'late') ? (
                    <Button id="manage-publish-list" className="btn" disabled={acting.busy || undefined} onClick={() => void publishList()}>
                      公布选民名单
                    </Button>
                  ) : null}
                  {s.key === 'voterList' ? (
                    <Button id="manage-export-voters" className="btn btn-secondary" onClick={() => void downloading.submit(election.id, 'voters')}>
                      下载选民名单（Excel，打印张贴）
                    </Button>
                  ) : null}
                  {page && s.state !== 'waiting' ? (
                    <Button id={`step-${s.key}-go`} className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: page.url })}>
                      {page.label}
                    </Button>
                  ) : null}
                </View>
              );
            })}
          </View>

          <View className="card">
            <Button id="manage-export-nominations" className="btn btn-secondary" onClick={() => void downloading.submit(election.id, 'nominations')}>
              下载居民代表名单（Excel）
            </Button>
            <Button id="manage-audit" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/election/audit/index' })}>
              选举记录与核验
            </Button>
          </View>
        </>
      ) : null}
    </Page>
  );
}

/** The day and the seats, while the law allows (the server answers ELECTION_LOCKED, saying since when, once it does not). */
function EditElection({ election, onDone, onCancel }: { election: Election; onDone: (text: string) => void; onCancel: () => void }) {
  const [day, setDay] = useState(election.electionDay);
  const [deputies, setDeputies] = useState(String(election.seats.deputyDirector));
  const [members, setMembers] = useState(String(election.seats.members));
  const saving = useSubmit(electionsApi.update);
  const save = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return saving.setError('请填写选举日，格式如 2026-12-20');
    const seats = { director: election.seats.director, deputyDirector: Number(deputies), members: Number(members) };
    if (day !== election.electionDay) {
      const preview = await electionsApi.previewDay(day).catch(() => null);
      if (preview?.missed.length) {
        const ok = await confirmFirst({
          title: '这个日子来不及',
          content: `改到${dayZh(day)}，这些法定步骤已经来不及：${preview.missed.join('；')}。确定要改吗？`,
          confirmText: '仍然改',
          danger: true,
        });
        if (!ok) return;
      }
    }
    const saved = await saving.submit(election.id, { electionDay: day, seats });
    if (saved) onDone('选举日和名额已保存。');
  };
  return (
    <View id="manage-edit-form">
      <Field id="edit-day" label="选举日" value={day} onChange={setDay} placeholder="如 2026-12-20" maxlength={10} />
      <Field id="edit-deputies" label="副主任人数" value={deputies} onChange={setDeputies} type="number" maxlength={1} />
      <Field id="edit-members" label="委员人数" value={members} onChange={setMembers} type="number" maxlength={1} hint="主任1名。居委会共5至9人。" />
      <ErrorBox id="manage-edit-error" message={saving.error} />
      <Button id="manage-edit-save" className="btn" disabled={saving.busy || undefined} onClick={() => void save()}>
        保存
      </Button>
      <Button id="manage-edit-cancel" className="btn btn-secondary" onClick={onCancel}>
        不改了
      </Button>
    </View>
  );
}

function NewElectionForm({ onCreated }: { onCreated: (title: string) => void }) {
  // The community's own name, once it has loaded, unless the committee has typed a title already.
  // (Loaded once when the form appears: it is not a page, so it has no show of its own.)
  const [title, setTitle] = useState('');
  useEffect(() => {
    let shown = true;
    communityApi
      .community()
      .then((c) => shown && c.name && setTitle((typed) => typed || `${c.name}居民委员会选举`))
      // Not loaded: the field stays empty for the committee to fill, as it says.
      .catch(() => undefined);
    return () => {
      shown = false;
    };
  }, []);
  const [day, setDay] = useState('');
  const [deputies, setDeputies] = useState('1');
  const [members, setMembers] = useState('3');
  const [key, setKey] = useState(newIdempotencyKey);
  const creating = useSubmit(electionsApi.create);
  const { busy, error } = creating;

  const submit = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return creating.setError('请填写选举日，格式如 2026-12-20');
    // An election whose deadlines have already passed: say which steps the law will miss, and ask.
    const preview = await electionsApi.previewDay(day).catch(() => null);
    if (preview?.missed.length) {
      const ok = await confirmFirst({
        title: '这个日子来不及',
        content: `选举日定在${dayZh(day)}，这些法定步骤已经来不及：${preview.missed.join('；')}。建议选一个更晚的日子。仍然创建吗？`,
        confirmText: '仍然创建',
        danger: true,
      });
      if (!ok) return;
    }
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
      <Field
        id="election-day-input"
        label="选举日"
        value={day}
        onChange={setDay}
        placeholder="如 2026-12-20"
        maxlength={10}
        hint="选民名单要在选举日前20天公布，请留足时间。"
      />
      <Field id="election-deputies" label="副主任人数" value={deputies} onChange={setDeputies} type="number" maxlength={1} />
      <Field id="election-members" label="委员人数" value={members} onChange={setMembers} type="number" maxlength={1} hint="主任1名。居委会共5至9人。" />
      <ErrorBox id="new-election-error" message={error} />
      <Button id="election-create" className="btn" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在创建…' : '创建选举'}
      </Button>
    </View>
  );
}
