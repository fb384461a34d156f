import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { useGroups } from '../../api/use-groups';
import { confirmFirst } from '../../components/a11y';
import { Chips, ErrorBox, Field, Page, SuccessBox, Tap, TextField, toastDone } from '../../components/ui';
import { consultApi, kindName, type NewConsultationBody, type Question, whenZh } from '../api';
import '../consult.css';
import { electionsApi } from '../../api/elections';

type Kind = Question['kind'];
interface Draft {
  kind: Kind;
  text: string;
  /** The options, one a line. */
  options: string;
}

const days = [
  { key: '3', label: '3天' },
  { key: '7', label: '7天' },
  { key: '14', label: '14天' },
  { key: '30', label: '30天' },
] as const;

/**
 * 发起征求意见: the purpose, the questions (单选, 多选, 打分, 填写), who is asked (the whole
 * community or some groups), one answer a person or a household, named or not, and how long it
 * stays open. From the satisfaction template (回头看) the questions come filled in, to edit.
 */
export default function NewConsultationPage() {
  const { params } = useRouter();
  const [error, setError] = useState('');
  const groups = useGroups(setError) ?? [];
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState('');
  const [per, setPer] = useState<'resident' | 'household'>('resident');
  const [anonymous, setAnonymous] = useState<'yes' | 'no'>('no');
  const [span, setSpan] = useState<(typeof days)[number]['key']>('7');
  const [who, setWho] = useState<'all' | 'groups' | 'voters'>('all');
  const [election, setElection] = useState<{ id: string; title: string } | null>(null);
  useEffect(() => {
    void electionsApi
      .current()
      .then((c) => setElection(c.election ? { id: c.election.id, title: c.election.title } : null))
      .catch(() => setElection(null));
  }, []);
  const [picked, setPicked] = useState<string[]>([]);
  const [questions, setQuestions] = useState<Draft[]>([{ kind: 'single', text: '', options: '同意\n不同意' }]);
  const [key] = useState(newIdempotencyKey);
  const [done, setDone] = useState('');
  useEffect(() => {
    if (params.template !== 'satisfaction') return;
    void consultApi.satisfactionTemplate().then((t) => {
      setTitle(t.title);
      setPurpose(t.purpose);
      setPer(t.per);
      setAnonymous(t.anonymous ? 'yes' : 'no');
      setQuestions(t.questions.map((q) => ({ kind: q.kind, text: q.text, options: (q.options ?? []).join('\n') })));
    });
  }, [params.template]);
  const saving = useSubmit((body: NewConsultationBody) => consultApi.create(body, key));
  const setQ = (i: number, q: Partial<Draft>) => setQuestions((xs) => xs.map((x, k) => (k === i ? { ...x, ...q } : x)));
  const submit = async () => {
    const opensAt = new Date();
    const closesAt = new Date(opensAt.getTime() + Number(span) * 86_400_000);
    const body: NewConsultationBody = {
      title,
      purpose,
      per,
      anonymous: anonymous === 'yes',
      audience: who === 'groups' ? { groups: picked } : who === 'voters' && election ? { votersOf: election.id } : {},
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      questions: questions.map((q) => ({
        kind: q.kind,
        text: q.text,
        ...(q.kind === 'text'
          ? {}
          : {
              options: q.options
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            }),
      })),
    };
    const ok = await confirmFirst({
      title: '现在发出？',
      content: `发出后马上发公告，${who === 'all' ? '全社区' : who === 'voters' ? `${election?.title ?? ''}的选民` : `${picked.length}个小组`}的居民都能回答，${whenZh(closesAt.toISOString())}截止。题目发出后不能再改。`,
      confirmText: '发出',
    });
    if (!ok) return;
    const r = await saving.submit(body);
    if (!r) return;
    toastDone('已发出');
    setDone(`已发出“${r.title}”，公告已发布。`);
    void Taro.redirectTo({ url: `/consult/results/index?id=${r.id}` });
  };
  return (
    <Page id="consult-new">
      <SuccessBox id="new-done" message={done} />
      <ErrorBox id="new-error" message={error} />
      <View className="card">
        <Field id="new-title" label="标题" value={title} onChange={setTitle} maxlength={60} required />
        <TextField id="new-purpose" label="为什么征求意见（居民会先看到这句话）" value={purpose} onChange={setPurpose} maxlength={500} />
        <Text className="label">问谁</Text>
        <Chips
          id="new-who"
          label="问谁"
          value={who}
          onChange={setWho}
          options={[
            { key: 'all', label: '全社区', id: 'who-all' },
            { key: 'groups', label: '选几个小组', id: 'who-groups' },
            ...(election ? [{ key: 'voters' as const, label: '本次选举的选民', id: 'who-voters' }] : []),
          ]}
        />
        {who === 'groups'
          ? groups.map((g) => {
              const on = picked.includes(g.id);
              return (
                <Tap
                  key={g.id}
                  id={`group-pick-${g.id}`}
                  role="checkbox"
                  selected={on}
                  className={`cs-choice ${on ? 'cs-choice-on' : ''}`}
                  onTap={() => setPicked(on ? picked.filter((x) => x !== g.id) : [...picked, g.id])}
                >
                  {on ? '☑ ' : '☐ '}
                  {g.name}
                </Tap>
              );
            })
          : null}
        <Text className="label">每人答还是每户答</Text>
        <Chips
          id="new-per"
          label="每人答还是每户答"
          value={per}
          onChange={setPer}
          options={[
            { key: 'resident', label: '每人一份', id: 'per-resident' },
            { key: 'household', label: '每户一份', id: 'per-household' },
          ]}
        />
        <Text className="label">记不记名</Text>
        <Chips
          id="new-anonymous"
          label="记不记名"
          value={anonymous}
          onChange={setAnonymous}
          options={[
            { key: 'no', label: '记名', id: 'anon-no' },
            { key: 'yes', label: '不记名', id: 'anon-yes' },
          ]}
        />
        {anonymous === 'yes' ? <Text className="hint">不记名：谁也查不到哪份回答是谁的，只知道谁答过。</Text> : null}
        <Text className="label">从现在起开放几天</Text>
        <Chips id="new-span" label="开放几天" value={span} onChange={setSpan} options={days.map((d) => ({ ...d, id: `span-${d.key}` }))} />
      </View>
      {questions.map((q, i) => (
        <View key={i} className="card" id={`new-q-${i}`}>
          <Text className="h2">第 {i + 1} 题</Text>
          <Chips
            id={`new-q-${i}-kind`}
            label="题型"
            value={q.kind}
            onChange={(kind) => setQ(i, { kind, options: kind === 'scale' || kind === 'text' ? '' : q.options })}
            options={(Object.keys(kindName) as Kind[]).map((k) => ({ key: k, label: kindName[k], id: `new-q-${i}-kind-${k}` }))}
          />
          <Field id={`new-q-${i}-text`} label="题目" value={q.text} onChange={(text) => setQ(i, { text })} maxlength={200} />
          {q.kind === 'single' || q.kind === 'multiple' ? (
            <TextField id={`new-q-${i}-options`} label="选项（一行一个）" value={q.options} onChange={(options) => setQ(i, { options })} />
          ) : null}
          {q.kind === 'scale' ? (
            <TextField
              id={`new-q-${i}-options`}
              label="每一分的说法（一行一个，可以不填，不填就是 1 到 5 分）"
              value={q.options}
              onChange={(options) => setQ(i, { options })}
            />
          ) : null}
          {questions.length > 1 ? (
            <Button id={`new-q-${i}-remove`} className="btn btn-secondary" onClick={() => setQuestions(questions.filter((_, k) => k !== i))}>
              删去这道题
            </Button>
          ) : null}
        </View>
      ))}
      <Button id="new-add-question" className="btn btn-secondary" onClick={() => setQuestions([...questions, { kind: 'single', text: '', options: '' }])}>
        再加一道题
      </Button>
      <ErrorBox id="new-submit-error" message={saving.error} />
      <Button id="new-submit" className="btn" loading={saving.busy} disabled={saving.busy || undefined} onClick={() => void submit()}>
        发出征求意见
      </Button>
    </Page>
  );
}
