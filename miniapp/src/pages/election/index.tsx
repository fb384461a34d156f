import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, api, getToken, messageOf } from '../../api/client';
import { ErrorBox, Loading, Page } from '../../components/ui';

interface CurrentElection {
  election: { id: string; title: string; electionDay: string } | null;
  deadlines?: Record<string, string>;
}

const deadlineName: Record<string, string> = {
  voterListNoticeBy: '选民名单公告截止',
  proxyApplyBy: '委托投票申请截止',
};

export default function ElectionPage() {
  const [signedIn, setSignedIn] = useState(false);
  const [data, setData] = useState<CurrentElection | null>(null);
  const [error, setError] = useState('');

  useDidShow(() => {
    const has = !!getToken();
    setSignedIn(has);
    if (!has) return;
    api
      .get<CurrentElection>('/api/elections/current')
      .then((d) => {
        setData(d);
        setError('');
      })
      .catch((e: unknown) => {
        // Until the election module is deployed the route is missing: that is "no election".
        if (e instanceof ApiError && e.status === 404) setData({ election: null });
        else setError(messageOf(e));
      });
  });

  if (!signedIn) {
    return (
      <Page>
        <View className="card">
          <Text className="h2">居委会选举</Text>
          <Text className="text">登录后可以查看选举日期、选民登记和委托投票。</Text>
          <Button className="btn" onClick={() => Taro.navigateTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/pages/election/index')}` })}>
            登录
          </Button>
        </View>
      </Page>
    );
  }

  return (
    <Page>
      <ErrorBox id="election-error" message={error} />
      {!data && !error ? <Loading /> : null}
      {data && !data.election ? (
        <View className="card">
          <Text className="h2">居委会选举</Text>
          <Text className="text">目前没有安排选举。有新消息时会发布公告。</Text>
        </View>
      ) : null}
      {data?.election ? (
        <View className="card" id="election-current">
          <Text className="h2">{data.election.title}</Text>
          <Text className="text">选举日：{data.election.electionDay}</Text>
          {Object.entries(data.deadlines ?? {}).map(([key, value]) => (
            <Text key={key} className="muted">
              {deadlineName[key] ?? key}：{value}
            </Text>
          ))}
        </View>
      ) : null}
      {data?.election ? (
        <View
          id="election-day-entry"
          className="card link"
          {...({ role: 'link', tabIndex: 0, 'aria-label': '选举日：候选人、发票、计票和选举结果' } as object)}
          onClick={() => Taro.navigateTo({ url: `/election-day/index/index?e=${data.election!.id}` })}
        >
          选举日：候选人、发票、计票和选举结果 ›
        </View>
      ) : null}
    </Page>
  );
}
