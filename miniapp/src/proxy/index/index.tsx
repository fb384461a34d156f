import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { getToken } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { isCommittee } from '../../api/labels';
import { useSession } from '../../api/session';
import '../proxy.css';
import { electionsApi } from '../../api/elections';
import { ErrorBox, Loading, Page, SuccessBox } from '../../components/ui';
import { isLive, nextStepForApplicant, nextStepForProxy, type ProxyApplication, proxyApi, resolveElection, statusName, tagClass } from '../api';

/**
 * 委托投票 home: my own entrustment (status, next step, withdraw), requests waiting for my
 * consent (待我确认), those I hold, and for the committee the way to the approval queue.
 */
export default function ProxyHome() {
  const { params } = useRouter();
  const committee = isCommittee(useSession().me?.account.roles);
  const [done, setDone] = useState('');
  const resolved = useLoad(() => resolveElection(params.electionId), { onShow: false });
  const electionId = resolved.data?.election?.id;
  // My applications, once the election is known.
  const status = useLoad(async () => (electionId ? electionsApi.myStatus(electionId) : null), { onShow: false, filters: [electionId] });
  const acting = useSubmit(async (fn: () => Promise<unknown>, message: string) => {
    await fn();
    setDone(message);
    await load();
    return true;
  });
  const current = resolved.data ?? null;
  const mine = status.data ?? null;
  const error = resolved.error || status.error || acting.error;
  const busy = acting.busy;

  const load = async () => {
    await resolved.reload();
    if (electionId) await status.reload();
  };

  useDidShow(() => {
    if (!getToken()) {
      Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/proxy/index/index')}` });
      return;
    }
    void load();
  });

  const act = (fn: () => Promise<unknown>, message: string) => {
    setDone('');
    void acting.submit(fn, message);
  };

  const withdraw = async (a: ProxyApplication) => {
    const r = await Taro.showModal({
      title: '撤回委托',
      content: `确定撤回对${a.proxy.name}的委托吗？撤回后选举日请亲自投票。`,
      confirmText: '撤回',
      cancelText: '不撤回',
    });
    if (r.confirm) act(() => proxyApi.withdraw(a.electionId, a.id), '已撤回委托。');
  };

  if (!current && !error)
    return (
      <Page>
        <Loading />
      </Page>
    );
  const election = current?.election;
  const apps = mine?.proxyApplications ?? [];
  const own = apps.filter((a) => a.role === 'applicant');
  const liveOwn = own.find((a) => isLive(a.status));
  const toConfirm = apps.filter((a) => a.role === 'proxy' && a.status === 'awaiting_consent');
  const held = apps.filter((a) => a.role === 'proxy' && a.status !== 'awaiting_consent');
  // Someone holding others' entrustments must come to the polls for them (APPLICANT_IS_PROXY).
  const holdsOthers = held.some((a) => a.status === 'awaiting_approval' || a.status === 'approved');
  const open = current?.deadlines ? Date.now() < new Date(current.deadlines.proxyApplyClosesAt).getTime() : false;
  const goLetter = (a: ProxyApplication) => Taro.navigateTo({ url: `/proxy/letter/index?electionId=${a.electionId}&id=${a.id}` });

  return (
    <Page>
      <ErrorBox id="proxy-error" message={error} />
      <SuccessBox id="proxy-done" message={done} />
      {current && !election ? (
        <View className="card">
          <Text className="text">目前没有安排选举，暂时不用委托投票。</Text>
        </View>
      ) : null}
      {election ? (
        <View className="card" id="proxy-election">
          <Text className="h2">{election.title}</Text>
          <Text className="text">选举日：{election.electionDay}</Text>
          {current?.deadlines ? <Text className="text">委托申请截止：{current.deadlines.proxyApplyBy} 24:00</Text> : null}
          <Text className="muted">
            选举日不能到场投票的选民，可以书面委托本社区另一位登记选民替自己投票，经选举委员会批准后有效。每人最多接受{current?.rules?.maxProxiesPerVoter ?? 3}
            人的委托。
          </Text>
        </View>
      ) : null}

      {toConfirm.length > 0 ? (
        <View className="card" id="proxy-to-confirm">
          <Text className="h2">待我确认</Text>
          {toConfirm.map((a) => (
            <View key={a.id} className="list-item" id={`confirm-${a.id}`}>
              <Text className="h2">
                {a.applicant.name}（{a.applicant.groupName}）
                {a.applicant.sex === 'female' ? '请您替她投票' : a.applicant.sex === 'male' ? '请您替他投票' : '请您代为投票'}
              </Text>
              <Text className="text">原因：{a.reason}</Text>
              <Text className="text">{nextStepForProxy(a)}</Text>
              <View className="row">
                <Button
                  id={`accept-${a.id}`}
                  className="btn btn-green"
                  disabled={busy || undefined}
                  onClick={() => act(() => proxyApi.consent(a.electionId, a.id, true), `已同意替${a.applicant.name}投票，等选举委员会审批。`)}
                >
                  同意
                </Button>
                <Button
                  id={`decline-${a.id}`}
                  className="btn btn-secondary"
                  disabled={busy || undefined}
                  onClick={() => act(() => proxyApi.consent(a.electionId, a.id, false), '已告诉对方您不能替他投票。')}
                >
                  不同意
                </Button>
              </View>
            </View>
          ))}
        </View>
      ) : null}

      {election && mine ? (
        <View className="card" id="proxy-mine">
          <Text className="h2">我请别人替我投票</Text>
          {own.length === 0 ? <Text className="text">您还没有请别人替您投票。</Text> : null}
          {own.map((a) => (
            <View key={a.id} className="list-item" id={`mine-${a.id}`}>
              <Text className="title">
                请 {a.proxy.name}（{a.proxy.groupName}）替我投票
              </Text>
              <View className="status-line">
                <Text className="text">状态：</Text>
                <Text id={`mine-status-${a.id}`} className={tagClass(a.status)}>
                  {statusName[a.status]}
                </Text>
              </View>
              <Text className="text">下一步：{nextStepForApplicant(a)}</Text>
              {a.status === 'approved' ? (
                <Button id={`letter-${a.id}`} className="btn btn-secondary" onClick={() => goLetter(a)}>
                  查看委托书
                </Button>
              ) : null}
              {isLive(a.status) ? (
                <Button id={`withdraw-${a.id}`} className="btn btn-danger" disabled={busy || undefined} onClick={() => void withdraw(a)}>
                  撤回委托
                </Button>
              ) : null}
            </View>
          ))}
          {!mine.voter ? <Text className="notice-box">{mine.reason ?? '您不在本次选举的选民名单上，不能委托投票。'}</Text> : null}
          {mine.voter && !liveOwn && holdsOthers ? <Text className="muted">您已答应替别人投票，选举日要到场，所以不能再请别人替您投票。</Text> : null}
          {mine.voter && !liveOwn && open && !holdsOthers ? (
            <Button id="proxy-apply" className="btn" onClick={() => Taro.navigateTo({ url: `/proxy/apply/index?electionId=${election.id}` })}>
              请别人替我投票
            </Button>
          ) : null}
          {mine.voter && !liveOwn && !open ? <Text className="notice-box">请别人替您投票的申请时间已经截止。</Text> : null}
        </View>
      ) : null}

      {held.length > 0 ? (
        <View className="card" id="proxy-held">
          <Text className="h2">别人请我替他们投票</Text>
          {held.map((a) => (
            <View key={a.id} className="list-item" id={`held-${a.id}`}>
              <Text className="title">
                替 {a.applicant.name}（{a.applicant.groupName}）投票
              </Text>
              <View className="status-line">
                <Text className="text">状态：</Text>
                <Text id={`held-status-${a.id}`} className={tagClass(a.status)}>
                  {statusName[a.status]}
                </Text>
              </View>
              <Text className="text">{nextStepForProxy(a)}</Text>
              {a.status === 'approved' ? (
                <Button id={`held-letter-${a.id}`} className="btn btn-secondary" onClick={() => goLetter(a)}>
                  查看委托书
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {committee && election ? (
        <View className="card">
          <Text className="h2">选举委员会</Text>
          <Button id="proxy-queue" className="btn" onClick={() => Taro.navigateTo({ url: `/proxy/queue/index?electionId=${election.id}` })}>
            审批委托投票
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
