import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { downloadFile } from '../../api/client';
import { useLoad, usePaged, useSubmit } from '../../api/hooks';
import { serviceStatusName } from '../../api/labels';
import { serviceApi } from '../../api/service-requests';
import type { ServiceStatus } from '../../api/types';
import { RequestList } from '../../components/request-list';
import { ErrorBox, Field, Loading, Page, Tap } from '../../components/ui';

const statuses: ServiceStatus[] = ['submitted', 'accepted', 'in_progress', 'resolved', 'rejected'];

export default function StaffQueue() {
  const [status, setStatus] = useState<ServiceStatus | ''>('');
  const [categoryCode, setCategoryCode] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [flagged, setFlagged] = useState(false);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  // Without the categories the filter just offers 全部.
  const categories = useLoad(serviceApi.categories).data?.items ?? [];

  const filters = () => ({
    status: status || undefined,
    categoryCode: categoryCode || undefined,
    overdue: overdue || undefined,
    flagged: flagged || undefined,
    q: query || undefined,
  });

  // Open work by nearest deadline; finished requests (no deadline left) newest first.
  const finished = status === 'resolved' || status === 'rejected';
  const requests = usePaged((after) => serviceApi.list({ ...filters(), cursor: after, sort: finished ? 'newest' : 'urgency' }), {
    filters: [status, categoryCode, overdue, flagged, query],
  });
  const exporting = useSubmit(() => downloadFile('/api/service-requests/export.xlsx', filters(), '办事申请.xlsx'));
  const error = requests.error || exporting.error;
  const items = requests.items;

  const chip = (id: string, label: string, active: boolean, onClick: () => void, role: 'radio' | 'checkbox' = 'radio') => (
    <Tap key={id} id={id} role={role} selected={active} className={`tab ${active ? 'tab-active' : ''}`} onTap={onClick}>
      {label}
    </Tap>
  );

  return (
    <Page className="page-wide">
      <View className="two-columns">
        <View className="column">
          <Field
            id="queue-q"
            label="找人：姓名或手机号"
            value={q}
            onChange={setQ}
            placeholder="例如：张桂兰 或 13800001234"
            onSubmit={() => setQuery(q.trim())}
          />
          <Button id="queue-search" className="btn btn-secondary" style={{ marginTop: 0, marginBottom: '24px' }} onClick={() => setQuery(q.trim())}>
            {query ? `查找（正在找：${query}）` : '查找'}
          </Button>
          <Text className="label">状态</Text>
          <View className="tabs" {...({ role: 'group', 'aria-label': '状态' } as object)}>
            {chip('filter-status-all', '全部', status === '', () => setStatus(''))}
            {statuses.map((s) => chip(`filter-status-${s}`, serviceStatusName[s], status === s, () => setStatus(s)))}
          </View>
          <Text className="label">类别</Text>
          <View className="tabs" {...({ role: 'group', 'aria-label': '类别' } as object)}>
            {chip('filter-category-all', '全部', categoryCode === '', () => setCategoryCode(''))}
            {categories.map((c) => chip(`filter-category-${c.code}`, c.name, categoryCode === c.code, () => setCategoryCode(c.code)))}
          </View>
          <View className="tabs" {...({ role: 'group', 'aria-label': '只看' } as object)}>
            {chip('filter-overdue', overdue ? '✓ 只看超时' : '只看超时', overdue, () => setOverdue(!overdue), 'checkbox')}
            {chip('filter-flagged', flagged ? '✓ 只看待核查内容' : '只看待核查内容', flagged, () => setFlagged(!flagged), 'checkbox')}
          </View>
          <Button
            id="queue-export"
            className="btn btn-secondary"
            style={{ marginBottom: '24px' }}
            disabled={exporting.busy || undefined}
            onClick={() => void exporting.submit()}
          >
            {exporting.busy ? '正在导出…' : '导出当前列表（Excel）'}
          </Button>
        </View>
        <View className="column">
          <ErrorBox id="queue-error" message={error} onRetry={error ? () => void requests.reload() : undefined} />
          {items === null && !error ? <Loading /> : null}
          {items?.length === 0 && !error ? <Text className="empty">没有符合条件的事项。</Text> : null}
          <RequestList items={items} href={(id) => `/staff/request/index?id=${id}`} cursor={requests.cursor} onMore={requests.more} staffView />
        </View>
      </View>
    </Page>
  );
}
