import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { getToken } from '../../api/client';
import { usePaged } from '../../api/hooks';
import { categories, type NoticeCategory, noticesApi } from '../../api/notices';
import { NoticeItem } from '../../components/notice-item';
import { ErrorBox, Loading, Page } from '../../components/ui';

/** Every published notice, newest first; unread ones marked 未读. */
export default function NoticeList() {
  const [category, setCategory] = useState<NoticeCategory | undefined>(undefined);
  const notices = usePaged((after) => noticesApi.list({ category, cursor: after }), { filters: [category], onShow: false });
  const { items, cursor, error } = notices;
  useDidShow(() => {
    if (!getToken()) {
      void Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/notices/list/index')}` });
      return;
    }
    void notices.reload();
  });

  return (
    <Page>
      <View className="card">
        <Text className="label">看哪一类</Text>
        <View className="tiles">
          {[{ code: undefined, name: '全部' }, ...categories].map((c) => (
            <Button
              key={c.name}
              id={`notice-filter-${c.code ?? 'all'}`}
              className={category === c.code ? 'btn' : 'btn btn-secondary'}
              ariaLabel={`${c.name}${category === c.code ? '（已选）' : ''}`}
              onClick={() => setCategory(c.code)}
            >
              {c.name}
            </Button>
          ))}
        </View>
      </View>
      <ErrorBox id="notices-error" message={error} />
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 && !error ? <Text className="empty">还没有公告。</Text> : null}
      {items?.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
      {cursor ? (
        <Button id="notices-more" className="btn btn-secondary" onClick={() => void notices.more(cursor)}>
          看更早的公告
        </Button>
      ) : null}
    </Page>
  );
}
