import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { electionsApi, nominationStatusNames } from '../../api/elections';
import { useLoad, usePaged, useSubmit } from '../../api/hooks';
import { noticesApi } from '../../api/notices';
import { residentsApi } from '../../api/residents';
import { serviceApi } from '../../api/service-requests';
import { useSession } from '../../api/session';
import { CallButton } from '../../components/call-button';
import { RequestList } from '../../components/request-list';
import { ErrorBox, Field, Loading, Page, SuccessBox, toastDone } from '../../components/ui';

/**
 * 我的小组: a group leader's workspace. The group's people (verified or not, voter or not), 代办
 * for one of them, the group's resident representatives (nominate, withdraw), and the requests
 * the leader filed for neighbours.
 */
export default function MyGroupPage() {
  const [notice, setNotice] = useState('');
  // The groups the caller leads, from the one session; shown fresh each time the page is shown.
  const { me } = useSession();
  const groupIds = me?.account.roles.filter((r) => r.role === 'group_leader' && r.groupId).map((r) => r.groupId!);
  const first = groupIds?.[0];

  const group = useLoad(
    async () => {
      if (!first) return null;
      const residents = await residentsApi.groupResidents(first);
      const nominations = residents.election ? await electionsApi.listNominations(residents.election.id, first) : null;
      return { residents, reps: nominations?.items ?? [], quota: nominations?.repsPerGroup ?? 2 };
    },
    { onShow: false },
  );
  const requests = usePaged((cursor) => serviceApi.list({ cursor }), { onShow: false });
  // Notices of the last 30 days that did not reach some of the group: whom to tell in person.
  const toTell = useLoad(async () => (first ? noticesApi.toTell() : null), { onShow: false, filters: [first] });
  // The group meeting that elected a representative: its date, who came and the votes for.
  const [meetingFor, setMeetingFor] = useState('');
  const [meetingOn, setMeetingOn] = useState('');
  const [present, setPresent] = useState('');
  const [votesFor, setVotesFor] = useState('');
  const acting = useSubmit(async (fn: () => Promise<unknown>) => {
    await fn();
    await group.reload();
    return true;
  });
  const data = group.data?.residents ?? null;
  const reps = group.data?.reps ?? [];
  const quota = group.data?.quota ?? 2;
  const error = group.error || requests.error || acting.error;
  const busy = acting.busy;

  const show = () => {
    if (!groupIds) return;
    void group.reload();
    void requests.reload();
    void toTell.reload();
  };
  const shown = useRef(false);
  useDidShow(() => {
    // The first show is covered by the effect below, which also waits for the session.
    if (shown.current) show();
    shown.current = true;
  });
  useEffect(show, [me]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    if (!data) return;
    setNotice('');
    if (await acting.submit(fn)) {
      setNotice(done);
      toastDone(done);
    }
  };

  /** Nominates with the meeting's record when one was filled in (required where representatives vote; the server says so). */
  const nominateWithMeeting = (residentId: string, name: string) => {
    const meeting = meetingOn || present || votesFor ? { meetingOn, present: Number(present), votesFor: Number(votesFor) } : undefined;
    void act(async () => {
      await electionsApi.nominate(electionId!, { residentId, ...meeting });
      setMeetingFor('');
    }, `已推荐${name}为居民代表，等待选举委员会确认。`);
  };

  if (groupIds && groupIds.length === 0) {
    return (
      <Page>
        <View className="card">
          <Text className="text">您不是居民小组长。这一页是组长办事用的。</Text>
        </View>
      </Page>
    );
  }

  const live = reps.filter((n) => n.status !== 'withdrawn');
  const nominated = new Set(live.map((n) => n.residentId));
  const electionId = data?.election?.id;
  const verified = data?.items.filter((r) => r.status === 'verified').length ?? 0;
  const voters = data?.items.filter((r) => r.voter).length ?? 0;

  return (
    <Page>
      <ErrorBox id="group-error" message={error} />
      <SuccessBox id="group-notice" message={notice} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <View className="card">
          <Text className="title" id="group-name">
            {data.group.name}
          </Text>
          <Text className="text">
            共 {data.items.length} 人，已认证 {verified} 人{data.election ? `，选民 ${voters} 人` : ''}
          </Text>
        </View>
      ) : null}

      {data ? (
        <View className="card" id="group-consult">
          <Button id="group-consult-entry" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/consult/list/index' })}>
            征求意见：谁还没答，上门代填
          </Button>
        </View>
      ) : null}

      {toTell.data && toTell.data.items.length > 0 ? (
        <View className="card" id="group-to-tell">
          <Text className="h2">还有 {toTell.data.toTell} 人没收到公告、没告知</Text>
          <Text className="hint">微信没能通知到这些人，请上门或打电话告诉他们。</Text>
          {toTell.data.items.map((n) => (
            <Button
              key={n.noticeId}
              id={`to-tell-${n.noticeId}`}
              className="btn btn-secondary"
              onClick={() => Taro.navigateTo({ url: `/notices/not-reached/index?id=${n.noticeId}` })}
            >
              {n.title}：还有 {n.toTell} 人要告知
            </Button>
          ))}
        </View>
      ) : null}

      {data?.election ? (
        <View className="card" id="group-reps">
          <Text className="h2">
            推荐居民代表（{live.length}/{quota}）
          </Text>
          <Text className="hint">每个小组推荐{quota}名居民代表，须是登记的选民。选举委员会确认后公布。</Text>
          {live.length === 0 ? <Text className="muted">还没有推荐。在下面的名单里点“推荐为代表”。</Text> : null}
          {live.map((n) => (
            <View key={n.id} className="list-item" id={`rep-${n.residentId}`}>
              <Text className="h2" style={{ marginBottom: 0 }}>
                {n.name}
              </Text>
              <Text className={n.status === 'confirmed' ? 'ok-line' : 'muted'}>{nominationStatusNames[n.status]}</Text>
              {n.status === 'nominated' ? (
                <Button
                  id={`withdraw-${n.residentId}`}
                  className="btn btn-secondary"
                  disabled={busy || undefined}
                  onClick={() => void act(() => electionsApi.withdrawNomination(electionId!, n.id), `已撤回对${n.name}的推荐。`)}
                >
                  撤回推荐（{n.name}）
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : data ? (
        <View className="card">
          <Text className="muted">目前没有安排选举，暂时不用推荐居民代表。</Text>
        </View>
      ) : null}

      {data ? (
        <View className="card" id="group-residents">
          <Text className="h2">小组居民</Text>
          {data.items.length === 0 ? <Text className="muted">这个小组还没有登记的居民。</Text> : null}
          {data.items.map((r) => (
            <View key={r.id} className="list-item" id={`resident-${r.id}`}>
              <Text className="h2" style={{ marginBottom: 0 }}>
                {r.name}
              </Text>
              <Text className="text">
                {r.age}岁{r.household ? ` · ${r.household.label}` : ''} · {r.phoneMasked ?? '没有手机号'}
              </Text>
              <Text className={r.status === 'verified' ? 'text' : 'bad-line'}>{r.status === 'verified' ? '已认证' : '待认证（请到社区窗口核实身份）'}</Text>
              {r.voter === undefined ? null : (
                <Text className={r.voter ? 'ok-line' : 'muted'}>
                  {r.voter ? '✓ 选民' : '不是选民'}
                  {nominated.has(r.id) ? ' · 已推荐为居民代表' : ''}
                </Text>
              )}
              {r.phoneMasked ? <CallButton residentId={r.id} name={r.name} purpose="group_page" /> : null}
              {r.status === 'verified' ? (
                <Button
                  id={`file-for-${r.id}`}
                  className="btn btn-secondary"
                  onClick={() => Taro.navigateTo({ url: `/staff/file-for/index?groupId=${data.group.id}&residentId=${r.id}` })}
                >
                  替{r.name}办事（代办）
                </Button>
              ) : null}
              {electionId && r.voter && !nominated.has(r.id) && live.length < quota ? (
                meetingFor === r.id ? (
                  <View id={`meeting-${r.id}`} className="card">
                    <Text className="hint">居民代表由居民小组会议推选，赞成票要超过到会人数的一半。按居民代表投票的选举必须填写。</Text>
                    <Field
                      id={`meeting-on-${r.id}`}
                      label="小组会议日期"
                      value={meetingOn}
                      onChange={setMeetingOn}
                      placeholder="如 2026-12-01"
                      maxlength={10}
                    />
                    <Field id={`meeting-present-${r.id}`} label="到会人数" value={present} onChange={setPresent} type="number" maxlength={4} />
                    <Field id={`meeting-votes-${r.id}`} label={`赞成${r.name}的票数`} value={votesFor} onChange={setVotesFor} type="number" maxlength={4} />
                    <Button id={`nominate-${r.id}`} className="btn" disabled={busy || undefined} onClick={() => nominateWithMeeting(r.id, r.name)}>
                      推荐{r.name}为代表
                    </Button>
                    <Button id={`nominate-cancel-${r.id}`} className="btn btn-secondary" onClick={() => setMeetingFor('')}>
                      不推荐了
                    </Button>
                  </View>
                ) : (
                  <Button
                    id={`nominate-open-${r.id}`}
                    className="btn"
                    onClick={() => {
                      setMeetingFor(r.id);
                      setMeetingOn('');
                      setPresent('');
                      setVotesFor('');
                    }}
                  >
                    推荐{r.name}为代表
                  </Button>
                )
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      <View className="card" id="group-requests">
        <Text className="h2">我替居民办的事</Text>
        {requests.items?.length === 0 ? <Text className="muted">还没有替居民办过事。</Text> : null}
        <RequestList items={requests.items} href={(id) => `/service/detail/index?id=${id}`} cursor={requests.cursor} onMore={requests.more} />
      </View>
    </Page>
  );
}
