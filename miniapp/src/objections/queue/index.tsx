import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { formatTime } from '../../api/labels';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Field, Loading, Page, SuccessBox } from '../../components/ui';
import { monthDay, type Objection, objectionsApi, statusName } from '../api';
import '../objections.css';
import { electionsApi } from '../../api/elections';

/** Overdue first, then open by due date, then the decided. */
const order = (a: Objection, b: Objection) =>
  Number(b.overdue) - Number(a.overdue) || Number(b.status === 'open') - Number(a.status === 'open') || a.dueBy.localeCompare(b.dueBy);

/**
 * The committee's objections and voter applications: each with who, what and the due date (the
 * overdue in red, on top), decided with a reason after a question — upheld, the voter list
 * changes at once and the objector is told.
 */
export default function ObjectionQueue() {
  const { params } = useRouter();
  const loaded = useLoad(async () => {
    const electionId = params.electionId ?? (await electionsApi.current()).election?.id;
    return electionId ? { electionId, page: await objectionsApi.list(electionId) } : null;
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const deciding = useSubmit(objectionsApi.decide);
  const [decidingId, setDecidingId] = useState('');
  const data = loaded.data;
  const items = data ? [...data.page.items].sort(order) : null;

  const decide = async (o: Objection, uphold: boolean) => {
    const reason = reasons[o.id]?.trim() ?? '';
    if (!reason) return setErrors({ ...errors, [o.id]: '请先在“决定理由”里写明理由，结果会告诉提出人。' });
    setErrors({ ...errors, [o.id]: '' });
    const what = o.kind === 'application' ? `${o.subjectName}申请登记（${o.basisName}）` : `${o.kindName}${o.subjectName ? `：${o.subjectName}` : ''}`;
    const effect = !uphold
      ? '选民名单不变。'
      : o.kind === 'omitted' || o.kind === 'application'
        ? `${o.subjectName}将登记为选民。`
        : o.kind === 'wrongly_included'
          ? `${o.subjectName}将移出选民名单。`
          : '请另行在居民信息里更正。';
    const ok = await confirmFirst({
      title: uphold ? '支持这份异议' : '不支持这份异议',
      content: `${what}。${effect}决定后不能更改，并会通知提出人。`,
      confirmText: uphold ? '支持' : '不支持',
      danger: !uphold,
    });
    if (!ok) return;
    setDone('');
    setDecidingId(o.id);
    const r = await deciding.submit(data!.electionId, o.id, uphold, reason);
    if (!r) return;
    setDone(`已决定：${r.kindName}${r.subjectName ? `（${r.subjectName}）` : ''}，${statusName[r.status]}。`);
    void loaded.reload();
  };

  return (
    <Page>
      <ErrorBox id="queue-error" message={loaded.error} onRetry={() => void loaded.reload()} />
      <SuccessBox id="queue-done" message={done} />
      {data === undefined && !loaded.error ? <Loading /> : null}
      {data === null ? <Text className="empty">目前没有安排选举。</Text> : null}
      {data ? (
        <View className="card" id="queue-summary">
          <Text className="h2">
            待处理 {data.page.open} 件{data.page.overdue ? '，' : ''}
            {data.page.overdue ? <Text className="overdue-line">其中 {data.page.overdue} 件已超过3天期限</Text> : null}
          </Text>
          <Text className="muted">异议应在收到之日起3日内作出决定（《村民委员会组织法》第十四条，居委会选举参照）。</Text>
        </View>
      ) : null}
      {items?.length === 0 ? <Text className="empty">还没有人提出异议或登记申请。</Text> : null}
      {items?.map((o) => (
        <View key={o.id} id={`objection-${o.id}`} className={`card objection ${o.overdue ? 'objection-overdue' : ''}`}>
          <Text className="title">{o.kind === 'application' ? `申请登记：${o.subjectName}` : `${o.kindName}${o.subjectName ? `：${o.subjectName}` : ''}`}</Text>
          {o.overdue ? (
            <Text className="overdue-line" id={`overdue-${o.id}`}>
              已超期：应在{monthDay(o.dueBy)}以前决定
            </Text>
          ) : o.status === 'open' ? (
            <Text className="text">请在{monthDay(o.dueBy)}以前决定</Text>
          ) : null}
          <Text className="text">提出人：{o.objectorName}</Text>
          <Text className="text">{o.kind === 'application' ? `依据：${o.basisName}` : `理由：${o.reason}`}</Text>
          <Text className="muted">提出时间：{formatTime(o.createdAt)}</Text>
          {o.status !== 'open' ? (
            <Text className="text" id={`decided-${o.id}`}>
              决定：{statusName[o.status]}。理由：{o.decisionReason}
            </Text>
          ) : (
            <View>
              <Field
                id={`reason-${o.id}`}
                label="决定理由（会告诉提出人）"
                value={reasons[o.id] ?? ''}
                onChange={(v) => setReasons({ ...reasons, [o.id]: v })}
                maxlength={500}
                error={errors[o.id]}
                required
              />
              <ErrorBox id={`decide-error-${o.id}`} message={decidingId === o.id ? deciding.error : ''} />
              <View className="row">
                <Button id={`uphold-${o.id}`} className="btn btn-green" disabled={deciding.busy || undefined} onClick={() => void decide(o, true)}>
                  支持
                </Button>
                <Button id={`dismiss-${o.id}`} className="btn btn-danger" disabled={deciding.busy || undefined} onClick={() => void decide(o, false)}>
                  不支持
                </Button>
              </View>
            </View>
          )}
        </View>
      ))}
    </Page>
  );
}
