import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { getToken, messageOf } from '../../api/client';
import { listServiceRequests } from '../../api/endpoints';
import type { ServiceRequestSummary } from '../../api/types';
import { RequestList } from '../../components/request-list';
import { ErrorBox, Loading, Page } from '../../components/ui';

export default function MyRequests() {
  const [items, setItems] = useState<ServiceRequestSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  const load = (after?: string) => {
    listServiceRequests({ cursor: after })
      .then((r) => {
        setItems((old) => (after ? [...(old ?? []), ...r.items] : r.items));
        setCursor(r.nextCursor ?? null);
        setError('');
      })
      .catch((e: unknown) => {
        setItems((old) => old ?? []);
        setError(messageOf(e));
      });
  };
  useDidShow(() => {
    if (!getToken()) {
      void Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/service/list/index')}` });
      return;
    }
    load();
  });

  return (
    <Page>
      <ErrorBox id="requests-error" message={error} />
      {items === null ? <Loading /> : null}
      {items?.length === 0 && !error ? (
        <View className="card">
          <Text className="empty">您还没有办过事。</Text>
          <Button className="btn" onClick={() => Taro.switchTab({ url: '/pages/service/index' })}>
            去办事
          </Button>
        </View>
      ) : null}
      <RequestList items={items} href={(id) => `/service/detail/index?id=${id}`} cursor={cursor} onMore={load} />
    </Page>
  );
}
