import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import '../proxy.css';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { formatTime } from '../../api/labels';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Field, Loading, Page, SuccessBox, toastDone } from '../../components/ui';
import { type ProxyApplication, type ProxyStatus, proxyApi, statusName, tagClass } from '../api';

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
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [decidingId, setDecidingId] = useState('');
  const [done, setDone] = useState('');
  const [publishKey, setPublishKey] = useState(newIdempotencyKey);
  const loaded = useLoad(() => proxyApi.list(electionId, filter === 'all' ? undefined : filter), { filters: [filter] });
  const publishing = useSubmit(proxyApi.publishList);
  const exporting = useSubmit(proxyApi.exportList);
  const deciding = useSubmit(proxyApi.decide);
  const items = loaded.data?.items ?? null;
  const error = loaded.error || publishing.error || exporting.error;

  const publish = async () => {
    const r = await Taro.showModal({
      title: '公布委托投票名单',
      content: '把已批准的委托投票名单发布为选举公告，全体居民都能看到。确定公布吗？',
      confirmText: '公布',
      cancelText: '不公布',
    });
    if (!r.confirm) return;
    setDone('');
    const n = await publishing.submit(electionId, publishKey);
    if (!n) return;
    setDone(`已发布公告：${n.title}`);
    setPublishKey(newIdempotencyKey());
  };

  const decideOn = async (a: ProxyApplication, approve: boolean) => {
    const note = notes[a.id]?.trim();
    if (!approve && !note) return setErrors({ ...errors, [a.id]: '驳回时请在“审批说明”里写明原因。' });
    setErrors({ ...errors, [a.id]: '' });
    if (approve) {
      const ok = await confirmFirst({
        title: '批准这份委托？',
        content: `批准后，选举日由${a.proxy.name}替${a.applicant.name}领选票投票，${a.applicant.name}本人不能再领选票。`,
        confirmText: '批准',
      });
      if (!ok) return;
    }
    setDone('');
    setDecidingId(a.id);
    const r = await deciding.submit(electionId, a.id, approve, note);
    if (!r) return;
    setDone(`${r.applicant.name}委托${r.proxy.name}：${statusName[r.status]}。`);
    toastDone(`${r.applicant.name}的委托：${statusName[r.status]}`);
    void loaded.reload();
  };

  return (
    <Page>
      <View className="tabs" {...({ role: 'tablist', 'aria-label': '按状态查看' } as object)}>
        {filters.map((f) => (
          <View
            key={f.key}
            id={`filter-${f.key}`}
            className={`tab ${filter === f.key ? 'tab-active' : ''}`}
            {...({ role: 'tab', tabIndex: 0, 'aria-selected': String(filter === f.key) } as object)}
            onClick={() => setFilter(f.key)}
          >
            {f.label}
          </View>
        ))}
      </View>
      <ErrorBox id="queue-error" message={error} />
      <SuccessBox id="queue-done" message={done} />
      <Button id="proxies-export" className="btn btn-secondary export-button" onClick={() => void exporting.submit(electionId)}>
        导出已批准名单（Excel）
      </Button>
      <Button id="proxies-publish" className="btn btn-secondary export-button" onClick={() => void publish()}>
        公布已批准名单（发布公告）
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
              <ErrorBox id={`decide-error-${a.id}`} message={errors[a.id] || (decidingId === a.id ? deciding.error : '')} />
              <View className="row">
                <Button id={`approve-${a.id}`} className="btn btn-green" onClick={() => void decideOn(a, true)}>
                  批准
                </Button>
                <Button id={`reject-${a.id}`} className="btn btn-danger" onClick={() => void decideOn(a, false)}>
                  驳回
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </Page>
  );
}
