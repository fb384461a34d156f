import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import '../proxy.css';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { formatTime } from '../../api/labels';
import { ErrorBox, Field, Loading, SuccessBox } from '../../components/ui';
import { decide, exportProxies, listApplications, type ProxyApplication, type ProxyStatus, statusName, tagClass } from '../api';

const filters: { key: ProxyStatus | 'all'; label: string }[] = [
  { key: 'awaiting_approval', label: '待审批' },
  { key: 'awaiting_consent', label: '等受托人确认' },
  { key: 'approved', label: '已批准' },
  { key: 'all', label: '全部' },
];

/** The committee's queue: each application with every rule checked as it stands now, then approve or reject. */
export default function ProxyQueue() {
  const { params } = useRouter();
  const electionId = params.electionId ?? '';
  const [filter, setFilter] = useState<ProxyStatus | 'all'>('awaiting_approval');
  const [items, setItems] = useState<ProxyApplication[] | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = (f = filter) =>
    listApplications(electionId, f === 'all' ? undefined : f)
      .then((r) => {
        setItems(r.items);
        setError('');
      })
      .catch((e: unknown) => setError(messageOf(e)));

  useDidShow(() => {
    load();
  });

  const choose = (f: ProxyStatus | 'all') => {
    setFilter(f);
    setItems(null);
    load(f);
  };

  const decideOn = (a: ProxyApplication, approve: boolean) => {
    const note = notes[a.id]?.trim();
    if (!approve && !note) return setErrors({ ...errors, [a.id]: '驳回时请在“审批说明”里写明原因。' });
    setErrors({ ...errors, [a.id]: '' });
    setDone('');
    decide(electionId, a.id, approve, note)
      .then((r) => {
        setDone(`${r.applicant.name}委托${r.proxy.name}：${statusName[r.status]}。`);
        load();
      })
      .catch((e: unknown) => setErrors({ ...errors, [a.id]: messageOf(e) }));
  };

  return (
    <View className="page">
      <View className="tabs" {...({ role: 'tablist', 'aria-label': '按状态查看' } as object)}>
        {filters.map((f) => (
          <View
            key={f.key}
            id={`filter-${f.key}`}
            className={`tab ${filter === f.key ? 'tab-active' : ''}`}
            {...({ role: 'tab', tabIndex: 0, 'aria-selected': String(filter === f.key) } as object)}
            onClick={() => choose(f.key)}
          >
            {f.label}
          </View>
        ))}
      </View>
      <ErrorBox id="queue-error" message={error} />
      <SuccessBox id="queue-done" message={done} />
      <Button
        id="proxies-export"
        className="btn btn-secondary export-button"
        onClick={() => exportProxies(electionId).catch((e: unknown) => setError(messageOf(e)))}
      >
        导出已批准名单（Excel）
      </Button>
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <Text className="empty">没有这一类的申请。</Text> : null}
      {items?.map((a) => (
        <View key={a.id} className="card" id={`queue-${a.id}`}>
          <Text className="title">
            {a.applicant.name}（{a.applicant.groupName}）委托 {a.proxy.name}（{a.proxy.groupName}）
          </Text>
          <View className="status-line">
            <Text className="text">状态：</Text>
            <Text id={`queue-status-${a.id}`} className={tagClass(a.status)}>
              {statusName[a.status]}
            </Text>
          </View>
          <Text className="text">原因：{a.reason}</Text>
          <Text className="muted">申请时间：{formatTime(a.createdAt)}</Text>
          {a.decisionNote ? <Text className="text">审批说明：{a.decisionNote}</Text> : null}
          {a.checks ? (
            <View id={`checks-${a.id}`}>
              <Text className="label">规则核对</Text>
              {a.checks.map((c) => (
                <Text key={c.rule} id={`check-${a.id}-${c.rule}`} className={c.ok ? 'ok-line' : 'bad-line'}>
                  {c.ok ? '✓ ' : '✗ '}
                  {c.label}
                  {c.detail ? `：${c.detail}` : ''}
                </Text>
              ))}
            </View>
          ) : null}
          {a.status === 'awaiting_approval' ? (
            <View>
              <Field
                id={`note-${a.id}`}
                label="审批说明（驳回时必填）"
                value={notes[a.id] ?? ''}
                onChange={(v) => setNotes({ ...notes, [a.id]: v })}
                maxlength={200}
              />
              <ErrorBox id={`decide-error-${a.id}`} message={errors[a.id] ?? ''} />
              <View className="row">
                <Button id={`approve-${a.id}`} className="btn btn-green" onClick={() => decideOn(a, true)}>
                  批准
                </Button>
                <Button id={`reject-${a.id}`} className="btn btn-danger" onClick={() => decideOn(a, false)}>
                  驳回
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
