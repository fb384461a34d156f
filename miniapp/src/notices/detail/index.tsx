import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { getToken, messageOf } from '../../api/client';
import { getMe } from '../../api/endpoints';
import { chinaTime, getNotice, type Notice } from '../../api/notices';
import { ErrorBox, Loading } from '../../components/ui';

export default function NoticeDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState('');
  const [roles, setRoles] = useState<string[]>([]);

  useDidShow(() => {
    if (!getToken()) {
      void Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent(`/notices/detail/index?id=${id}`)}` });
      return;
    }
    getNotice(id)
      .then((n) => {
        setNotice(n);
        setError('');
      })
      .catch((e: unknown) => setError(messageOf(e)));
    getMe()
      .then((me) => setRoles(me.account.roles.map((r) => r.role)))
      .catch(() => setRoles([]));
  });
  const publisher = roles.some((r) => r === 'staff' || r === 'committee' || r === 'admin');
  const leader = roles.includes('group_leader');

  return (
    <View className="page">
      <ErrorBox id="notice-error" message={error} />
      {!notice && !error ? <Loading /> : null}
      {notice ? (
        <View className="card">
          <Text id="notice-title" className="title">
            {notice.title}
          </Text>
          <Text className="muted">
            {notice.categoryName} · {notice.published === false ? '定时发布：' : ''}
            {chinaTime(notice.publishAt)} · {notice.authorName}
          </Text>
          <Text id="notice-body" className="body-text" style={{ whiteSpace: 'pre-wrap', display: 'block', marginTop: '12px' }}>
            {notice.body}
          </Text>
        </View>
      ) : null}
      {notice && publisher ? (
        <Button id="notice-report" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: `/notices/report/index?id=${id}` })}>
          查看送达情况
        </Button>
      ) : null}
      {notice && leader && notice.published !== false ? (
        <Button id="notice-not-reached" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: `/notices/not-reached/index?id=${id}` })}>
          本组没收到消息的居民
        </Button>
      ) : null}
    </View>
  );
}
