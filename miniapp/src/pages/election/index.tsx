import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { isCommittee } from '../../../../functions/_shared/roles';
import { ApiError, getToken } from '../../api/client';
import { type CurrentElection, calendarOf, chinaToday, countdown, deadlineNames, electionsApi, type Nomination } from '../../api/elections';
import { useLoad } from '../../api/hooks';
import { useSession } from '../../api/session';
import { ErrorBox, Loading, Page } from '../../components/ui';

/** 选举 tab: the election, its calendar with countdowns, the plan's phase, my voter status and the confirmed representatives. */
export default function ElectionPage() {
  const [signedIn, setSignedIn] = useState(false);
  const committee = isCommittee(useSession().me?.account.roles);
  const current = useLoad(
    async (): Promise<CurrentElection> => {
      try {
        return await electionsApi.current();
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return { election: null };
        throw e;
      }
    },
    { onShow: false },
  );
  const electionId = current.data?.election?.id;
  // My status and the confirmed representatives, once the election is known (its card shows 加载中 till then).
  const status = useLoad(
    async () => {
      if (!electionId) return null;
      const [me, list] = await Promise.all([electionsApi.myStatus(electionId), electionsApi.listNominations(electionId)]);
      return { mine: me, reps: list.items.filter((n) => n.status === 'confirmed') };
    },
    { onShow: false, filters: [electionId] },
  );
  const data = current.data ?? null;
  const mine = status.data?.mine ?? null;
  const reps = status.data?.reps ?? [];
  const error = current.error || status.error;

  useDidShow(() => {
    const has = !!getToken();
    setSignedIn(has);
    if (!has) return;
    void current.reload();
    if (electionId) void status.reload();
  });

  if (!signedIn) {
    return (
      <Page>
        <View className="card">
          <Text className="h2">居委会选举</Text>
          <Text className="text">登录后可以查看选举日期、自己是不是选民，选举日不能来还可以请别人替您投票。</Text>
          <Button className="btn" onClick={() => Taro.navigateTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/pages/election/index')}` })}>
            登录
          </Button>
        </View>
      </Page>
    );
  }

  const election = data?.election;
  const calendar = calendarOf(data);
  const today = calendar?.today ?? chinaToday();
  const byGroup = new Map<string, Nomination[]>();
  for (const n of reps) byGroup.set(n.groupName, [...(byGroup.get(n.groupName) ?? []), n]);

  return (
    <Page>
      <ErrorBox id="election-error" message={error} />
      {!data && !error ? <Loading /> : null}
      {data && !election ? (
        <View className="card">
          <Text className="h2">居委会选举</Text>
          <Text className="text">目前没有安排选举。有新消息时会发布公告。</Text>
        </View>
      ) : null}
      {election ? (
        <>
          <View className="card" id="election-current">
            <Text className="title">{election.title}</Text>
            <Text className="text" id="election-day">
              选举日：{election.electionDay}（{countdown(today, election.electionDay)}）
            </Text>
            {committee ? (
              <Button id="election-desk" className="btn" onClick={() => Taro.navigateTo({ url: '/election/manage/index' })}>
                选举工作（选举委员会）
              </Button>
            ) : null}
          </View>

          <View className="card" id="my-voter-status">
            <Text className="h2">我的选民资格</Text>
            {!mine ? <Loading /> : null}
            {mine?.voter ? (
              <Text className="ok-line" id="my-voter-yes">
                ✓ 您已登记为选民（选举日时 {mine.voter.age} 周岁），选举日请带身份证参加投票。
              </Text>
            ) : null}
            {mine && !mine.voter ? (
              <Text className="bad-line" id="my-voter-no">
                您还不是本次选举的选民。{mine.reason}
              </Text>
            ) : null}
            {mine ? (
              <Button
                id="election-objections"
                className="btn btn-secondary"
                onClick={() => Taro.navigateTo({ url: `/objections/index/index?electionId=${election.id}` })}
              >
                {mine.voter ? '选民名单有问题？提出异议' : '申请登记 / 对选民名单提出异议'}
              </Button>
            ) : null}
            {mine?.nominations.length ? (
              <Text className="text" id="my-nomination">
                您被推荐为居民代表（{mine.nominations[0]!.status === 'confirmed' ? '已确认' : '等待选举委员会确认'}）。
              </Text>
            ) : null}
          </View>

          <View className="card" id="election-calendar">
            <Text className="h2">选举日程</Text>
            {deadlineNames.map(([key, name]) => {
              const day = calendar?.deadlines[key];
              if (!day) return null;
              const left = countdown(today, day);
              return (
                <View key={key} className="list-item" id={`deadline-${key}`}>
                  <Text className="text">{name}</Text>
                  <Text className={left === '已过' ? 'muted' : 'h2'}>
                    {day}　{left}
                  </Text>
                </View>
              );
            })}
          </View>

          <View className="card" id="election-reps">
            <Text className="h2">居民代表（已确认）</Text>
            {reps.length === 0 ? <Text className="muted">各居民小组推荐的居民代表确认后会在这里公布。</Text> : null}
            {[...byGroup.entries()].map(([group, list]) => (
              <Text key={group} className="text">
                {group}：{list.map((n) => n.name).join('、')}
              </Text>
            ))}
          </View>

          <View className="card">
            <Button
              id="election-candidate-nominations"
              className="btn"
              onClick={() => Taro.navigateTo({ url: `/candidate-nominations/index/index?electionId=${election.id}` })}
            >
              提名候选人
            </Button>
            <Text className="hint">登记的选民可以提名候选人，也可以联名提名。</Text>
            <Button id="election-proxy" className="btn" onClick={() => Taro.navigateTo({ url: '/proxy/index/index' })}>
              请别人替我投票
            </Button>
            <Text className="hint">选举日不能到场，可以请另一位选民替您投票（要选举委员会批准）。</Text>
            <Button id="election-day-entry" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/election-day/index/index' })}>
              选举日 / 选举结果
            </Button>
          </View>
        </>
      ) : null}
    </Page>
  );
}
