import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { confirmFirst } from '../../components/a11y';
import { Chips, ErrorBox, Field, FieldError, Loading, Page, SuccessBox, Tap, TextField, useFieldErrors } from '../../components/ui';
import { type Basis, basisChoices, kindChoices, monthDay, type Objection, type ObjectionKind, objectionsApi, type Person, statusName } from '../api';
import '../objections.css';
import { authApi } from '../../api/auth';
import { electionsApi } from '../../api/elections';

/**
 * 选民名单异议: a resident objects to the published voter list (someone left out, someone who
 * should not be on it, wrong details), or asks to be registered (表示参加), and reads the
 * committee's decision on each of their own.
 */
export default function ObjectionsPage() {
  const { params } = useRouter();
  const loaded = useLoad(async () => {
    const electionId = params.electionId ?? (await electionsApi.current()).election?.id;
    if (!electionId) return null;
    const [page, me, status] = await Promise.all([objectionsApi.list(electionId), authApi.me(), electionsApi.myStatus(electionId)]);
    return { electionId, page, me, status };
  });
  const data = loaded.data;
  if (data === null) {
    return (
      <Page>
        <View className="card">
          <Text className="text">目前没有安排选举。</Text>
        </View>
      </Page>
    );
  }
  return (
    <Page>
      <ErrorBox id="objections-error" message={loaded.error} onRetry={() => void loaded.reload()} />
      {!data && !loaded.error ? <Loading /> : null}
      {data ? (
        <>
          <WindowCard window={data.page.window} />
          {!data.status.voter && data.me.resident?.status === 'verified' ? (
            <ApplyCard electionId={data.electionId} onDone={() => void loaded.reload()} />
          ) : null}
          {/* Coming back for the answer, it is the first thing under the dates. */}
          {data.page.items.length ? <MyObjections items={data.page.items} /> : null}
          {data.page.window?.open ? <ObjectionForm electionId={data.electionId} me={data.me.resident ?? null} onDone={() => void loaded.reload()} /> : null}
        </>
      ) : null}
    </Page>
  );
}

function WindowCard({ window }: { window: { publishedOn: string; lastDay: string; open: boolean } | null }) {
  return (
    <View className="card" id="objection-window">
      <Text className="h2">选民名单异议</Text>
      {!window ? <Text className="text">选民名单还没有公布。公布后5天内，对名单有意见可以在这里提出。</Text> : null}
      {window?.open ? (
        <Text className="text">
          选民名单已于{monthDay(window.publishedOn)}公布。对名单有意见，请在{monthDay(window.lastDay)}（含当天）以前提出，选举委员会3天内答复。
        </Text>
      ) : null}
      {window && !window.open ? (
        <Text className="text">
          选民名单于{monthDay(window.publishedOn)}公布，提出异议的期限到{monthDay(window.lastDay)}已经截止。
        </Text>
      ) : null}
    </View>
  );
}

/** 我要登记参加选举: one tap once the basis is chosen. */
function ApplyCard({ electionId, onDone }: { electionId: string; onDone: () => void }) {
  const [basis, setBasis] = useState<Basis | ''>('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState('');
  const fields = useFieldErrors();
  const applying = useSubmit(objectionsApi.applyToVote);
  const submit = async () => {
    if (fields.show({ 'apply-basis': basis ? undefined : '请先点选您属于哪一种情况。' })) return;
    if (!basis) return;
    const r = await applying.submit(electionId, basis, key);
    if (!r) return;
    setKey(newIdempotencyKey());
    setDone(`已提交登记申请，选举委员会将在${monthDay(r.dueBy)}以前答复。`);
    onDone();
  };
  return (
    <View className="card" id="apply-card">
      <Text className="h2">我要登记参加选举</Text>
      <Text className="text">您还不在选民名单上。属于下面哪一种情况，点一下，再点“申请登记”。</Text>
      <View {...({ id: 'apply-basis-field', role: 'radiogroup', 'aria-label': '登记的依据' } as object)}>
        {basisChoices.map((b) => (
          <Tap
            key={b.key}
            id={`basis-${b.key}`}
            role="radio"
            selected={basis === b.key}
            className={`choice ${basis === b.key ? 'choice-on' : ''}`}
            onTap={() => setBasis(b.key)}
          >
            <Text className="choice-title">
              {basis === b.key ? '◉ ' : '○ '}
              {b.label}
            </Text>
            <Text className="choice-hint">{b.hint}</Text>
          </Tap>
        ))}
      </View>
      <FieldError id="apply-basis" message={fields.of('apply-basis')} />
      <ErrorBox id="apply-error" message={applying.error} />
      <SuccessBox id="apply-done" message={done} />
      <Button id="apply-submit" className="btn" disabled={applying.busy || undefined} onClick={() => void submit()}>
        {applying.busy ? '正在提交…' : '申请登记'}
      </Button>
    </View>
  );
}

/** The objection: its kind, the person concerned (found by name, or 我自己), the reason. */
function ObjectionForm({ electionId, me, onDone }: { electionId: string; me: { id: string; name: string } | null; onDone: () => void }) {
  const [kind, setKind] = useState<ObjectionKind>('omitted');
  const [name, setName] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [person, setPerson] = useState<{ residentId: string; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState('');
  const fields = useFieldErrors();
  const searching = useSubmit(objectionsApi.searchPeople);
  const filing = useSubmit(objectionsApi.file);
  const needsPerson = kind !== 'wrong_details';

  const search = async () => {
    if (fields.show({ 'person-name': name.trim() ? undefined : '请写这位居民的姓名，写姓也可以。' })) return;
    const r = await searching.submit(electionId, name.trim());
    if (r) setFound(r.items);
  };
  const submit = async () => {
    if (
      fields.show({
        'person-name': needsPerson && !person ? '请先找到并点选这位居民。' : undefined,
        'objection-reason': reason.trim() ? undefined : '请写一写为什么，例如“他户口在本社区，名单上没有他”。',
      })
    )
      return;
    const who = person ? `${person.name}：` : '';
    const ok = await confirmFirst({
      title: '提交异议',
      content: `${kindChoices.find((k) => k.key === kind)!.label}。${who}${reason.trim()}。提交后不能撤回，确定提交吗？`,
      confirmText: '提交',
    });
    if (!ok) return;
    const r = await filing.submit(electionId, { kind, ...(person ? { residentId: person.residentId } : {}), reason: reason.trim() }, key);
    if (!r) return;
    setKey(newIdempotencyKey());
    setDone(`异议已提交。选举委员会将在${monthDay(r.dueBy)}以前作出决定，结果会显示在下面，也会发微信通知您。`);
    setPerson(null);
    setFound(null);
    setName('');
    setReason('');
    onDone();
  };

  return (
    <View className="card" id="objection-form">
      <Text className="h2">对选民名单提出异议</Text>
      <Text className="label step">第一步：是什么问题？</Text>
      <Chips id="objection-kind" label="异议的类型" options={kindChoices} value={kind} onChange={setKind} />
      <Text className="label step">第二步：说的是谁？{needsPerson ? '' : '（可以不选）'}</Text>
      {person ? (
        <View id="person-chosen" className="row">
          <Text className="title">{person.name}</Text>
          <Button id="person-change" className="btn btn-secondary" onClick={() => setPerson(null)}>
            换一个人
          </Button>
        </View>
      ) : (
        <View>
          {me && kind === 'wrong_details' ? (
            <Tap id="person-me" className="choice" onTap={() => setPerson({ residentId: me.id, name: `${me.name}（我自己）` })}>
              <Text className="choice-title">我自己</Text>
            </Tap>
          ) : null}
          <Field
            id="person-name"
            label="这位居民的姓名"
            value={name}
            onChange={setName}
            maxlength={20}
            placeholder="例如：韩春生"
            error={fields.of('person-name')}
            onSubmit={() => void search()}
          />
          <Button id="person-search" className="btn btn-secondary" disabled={searching.busy || undefined} onClick={() => void search()}>
            查找
          </Button>
          <ErrorBox id="search-error" message={searching.error} />
          {found?.length === 0 ? <Text className="empty">没有找到这个名字。只能找到本社区已认证、选举日满18周岁的居民。</Text> : null}
          {found?.map((p) => (
            <Tap key={p.residentId} id={`pick-${p.residentId}`} className="choice" onTap={() => setPerson({ residentId: p.residentId, name: p.name })}>
              <Text className="choice-title">
                {p.name}（{p.groupName}）
              </Text>
              <Text className="choice-hint">{p.onList ? '已在选民名单上' : '不在选民名单上'}</Text>
            </Tap>
          ))}
        </View>
      )}
      <Text className="label step">第三步：写明理由</Text>
      <TextField
        id="objection-reason"
        label="为什么？"
        value={reason}
        onChange={setReason}
        maxlength={500}
        placeholder="例如：他户口在本社区，一直住在三组，名单上没有他"
        error={fields.of('objection-reason')}
        required
      />
      <ErrorBox id="objection-submit-error" message={filing.error} />
      <SuccessBox id="objection-done" message={done} />
      <Button id="objection-submit" className="btn" disabled={filing.busy || undefined} onClick={() => void submit()}>
        {filing.busy ? '正在提交…' : '提交异议'}
      </Button>
    </View>
  );
}

/** The kind in the words the resident chose it by. */
const kindWords = (k: Objection['kind']) => kindChoices.find((c) => c.key === k)?.label ?? '';

/** The outcome as the one who asked reads it. */
function residentStatus(o: Objection): string {
  if (o.status === 'open') return statusName.open;
  if (o.kind === 'application') return o.status === 'upheld' ? '准予登记' : '不予登记';
  return o.status === 'upheld' ? '异议成立' : '异议不成立';
}

function MyObjections({ items }: { items: Objection[] }) {
  return (
    <View className="card" id="my-objections">
      <Text className="h2">我提出的异议和申请</Text>
      {items.length === 0 ? <Text className="muted">还没有。</Text> : null}
      {items.map((o) => (
        <View key={o.id} id={`mine-${o.id}`} className={`objection ${o.status === 'open' ? '' : `objection-${o.status}`}`}>
          <Text className="title">
            {o.kind === 'application' ? `申请登记：${o.basisName}` : `${kindWords(o.kind)}${o.subjectName ? `：${o.subjectName}` : ''}`}
          </Text>
          <Text className="text">
            结果：
            <Text className={`tag tag-${o.status === 'upheld' ? 'resolved' : o.status === 'dismissed' ? 'rejected' : 'pending'}`}>{residentStatus(o)}</Text>
          </Text>
          {o.status === 'open' ? <Text className="text">选举委员会将在{monthDay(o.dueBy)}以前答复。</Text> : null}
          {o.decisionReason ? (
            <Text className="text" id={`mine-decision-${o.id}`}>
              选举委员会的答复：{o.decisionReason}
            </Text>
          ) : null}
          {o.kind !== 'application' ? <Text className="muted">我的理由：{o.reason}</Text> : null}
        </View>
      ))}
    </View>
  );
}
