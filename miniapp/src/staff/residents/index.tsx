import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { listResidents, verifyResident } from '../../api/endpoints';
import type { Resident } from '../../api/types';
import { ErrorBox, Loading, Page } from '../../components/ui';

export default function PendingResidents() {
  const [items, setItems] = useState<Resident[] | null>(null);
  const [error, setError] = useState('');
  const [busyId, setBusyId] = useState('');

  useDidShow(() => {
    listResidents('pending')
      .then(setItems)
      .catch((e: unknown) => {
        setItems([]);
        setError(messageOf(e));
      });
  });

  const verify = (id: string) => {
    setBusyId(id);
    setError('');
    verifyResident(id)
      .then(({ resident }) => setItems((list) => (list ?? []).map((r) => (r.id === id ? { ...r, ...resident } : r))))
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setBusyId(''));
  };

  return (
    <Page>
      <Text className="muted">请核对身份证原件或户籍信息后再点“审核通过”。</Text>
      <ErrorBox id="residents-error" message={error} />
      {items === null ? <Loading /> : null}
      {items?.length === 0 && !error ? <Text className="empty">没有待审核的申请。</Text> : null}
      {(items ?? []).map((r) => (
        <View key={r.id} className="list-item resident-card" id={`resident-${r.id}`}>
          <View className="row">
            <Text className="h2">{r.name}</Text>
            <Text className={`tag tag-${r.status}`}>{r.status === 'verified' ? '已认证' : '待审核'}</Text>
          </View>
          <Text className="text">小组：{r.groupName ?? r.groupId}</Text>
          <Text className="text">身份证：{r.idNumberMasked}</Text>
          <Text className="text">出生日期：{r.birthDate}</Text>
          {r.status !== 'verified' ? (
            <Button
              id={`verify-${r.id}`}
              data-testid={`verify-${r.id}`}
              className="btn btn-green"
              disabled={busyId === r.id || undefined}
              onClick={() => verify(r.id)}
            >
              {busyId === r.id ? '正在提交…' : '审核通过'}
            </Button>
          ) : null}
        </View>
      ))}
    </Page>
  );
}
