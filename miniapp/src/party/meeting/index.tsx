import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap } from '../../components/ui';
import { attendanceName, dateZh, dutyName, meetingName, type Post, partyApi, postName } from '../api';
import '../party.css';

/**
 * One meeting as the organiser runs it, top to bottom in the order of the day: candidates
 * (proposed, reviewed, fixed), the counters, the door (到会 / 请假 / 缺席) with the quorum counted
 * as people come in, the ballots handed out once more than four fifths are present, the count and
 * the results, and at the committee's meeting the division of work.
 */
export default function MeetingPage() {
  const id = useRouter().params.id ?? '';
  const meeting = useLoad(() => partyApi.meeting(id), { filters: [id] });
  const members = useLoad(partyApi.members);
  const results = useLoad(() => partyApi.results(id), { filters: [id] });
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [recommended, setRecommended] = useState<Record<string, string>>({});
  const run = async (action: () => Promise<unknown>, done: string) => {
    setError('');
    setNotice('');
    try {
      await action();
      setNotice(done);
      await Promise.all([meeting.reload(), results.reload()]);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const m = meeting.data;
  const loadError = meeting.error || members.error;
  if (!m || !members.data) return <Page>{loadError ? <ErrorBox id="meeting-error" message={loadError} /> : <Loading />}</Page>;
  const fixed = !!m.candidatesPublishedAt;
  const posts = (Object.keys(m.seats) as Post[]).filter((p) => (m.seats[p] ?? 0) > 0);
  const candidateIds = new Set(m.candidates.map((c) => c.memberId));
  const officialIds = new Set(m.officials.map((o) => o.memberId));
  const pool =
    m.kind === 'members'
      ? members.data.items.filter((x) => x.hasVote)
      : m.attendance.map((a) => members.data!.items.find((x) => x.id === a.memberId)!).filter(Boolean);
  const r = results.data;
  const last = r?.rounds.at(-1);
  return (
    <Page id="party-meeting" className="page-wide">
      <Text className="title">
        {dateZh(m.date)} {meetingName[m.kind]}
      </Text>
      <Text className="hint">应选：{posts.map((p) => `${postName[p]}${m.seats[p]}名`).join('，')}</Text>
      <ErrorBox id="meeting-error" message={error} />
      {notice ? <SuccessBox id="meeting-notice" message={notice} /> : null}

      <View className="card" id="meeting-candidates">
        <Text className="subtitle">候选人{fixed ? '（已确定）' : '（预备人选）'}</Text>
        {m.candidates.map((c) => (
          <View key={c.id} className="party-row">
            <Text className="party-name">{c.name}</Text>
            <Text className="party-tag">{postName[c.post]}</Text>
            <Text className="hint">{c.recommendations}人推荐</Text>
            {!fixed && !c.reviewed ? (
              <Tap id={`meeting-review-${c.memberId}`} className="btn btn-secondary" onTap={() => run(() => partyApi.review(m.id, c.id), `已审查${c.name}`)}>
                审查通过
              </Tap>
            ) : (
              <Text className="hint">已审查</Text>
            )}
          </View>
        ))}
        {!fixed ? (
          <View>
            <Text className="hint">
              {m.kind === 'members' ? '从正式党员中提名；候选人要比应选人数多20%以上。' : '书记、副书记从新当选的支部委员中等额提名。'}
            </Text>
            {pool
              .filter((x) => !candidateIds.has(x.id) && !officialIds.has(x.id))
              .map((x) => (
                <View key={x.id} className="party-row">
                  <Text className="party-name">{x.name}</Text>
                  <Field
                    id={`meeting-recommended-${x.id}`}
                    label="推荐人数"
                    type="number"
                    value={recommended[x.id] ?? ''}
                    onChange={(v) => setRecommended({ ...recommended, [x.id]: v })}
                  />
                  <View className="party-actions">
                    {posts.map((p) => (
                      <Tap
                        key={p}
                        id={`meeting-propose-${p}-${x.id}`}
                        className="btn btn-secondary"
                        onTap={() => run(() => partyApi.addCandidate(m.id, x.id, p, Number(recommended[x.id]) || 0), `已提名${x.name}为${postName[p]}候选人`)}
                      >
                        提名{postName[p]}
                      </Tap>
                    ))}
                  </View>
                </View>
              ))}
            <Tap id="meeting-publish" className="btn" onTap={() => run(() => partyApi.publish(m.id), '候选人名单已确定，可以印发选票')}>
              确定候选人名单
            </Tap>
          </View>
        ) : (
          <Tap id="meeting-ballot-print" className="btn btn-secondary" onTap={() => Taro.navigateTo({ url: `/party/ballot/index?id=${m.id}` })}>
            打印选票（A4）
          </Tap>
        )}
      </View>

      <View className="card" id="meeting-officials">
        <Text className="subtitle">计票人、监票人</Text>
        {m.officials.map((o) => (
          <Text key={o.memberId} className="hint" style={{ display: 'block' }}>
            {o.name}：{o.role === 'counter' ? '计票人' : '监票人'}
          </Text>
        ))}
        {members.data.items
          .filter((x) => x.residentId && !candidateIds.has(x.id) && !officialIds.has(x.id) && x.hasVote)
          .slice(0, 8)
          .map((x) => (
            <View key={x.id} className="party-row">
              <Text>{x.name}</Text>
              <Tap
                id={`meeting-counter-${x.id}`}
                className="btn btn-secondary"
                onTap={() => run(() => partyApi.appoint(m.id, x.id, 'counter'), `${x.name}任计票人`)}
              >
                任计票人
              </Tap>
            </View>
          ))}
      </View>

      <View className="card" id="meeting-door">
        <Text className="subtitle">门口登记</Text>
        <View id="party-quorum" className={`party-quorum ${m.quorum.met ? 'party-quorum-ok' : ''}`}>
          <Text>
            应到会 {m.quorum.entitled} 人，实到 {m.quorum.present} 人，请假 {m.quorum.onLeave} 人。
            {m.quorum.met ? '已超过五分之四，可以发放选票。' : `须超过五分之四（至少 ${m.quorum.needed} 人）到会才能发放选票。`}
          </Text>
        </View>
        {m.attendance.map((a) => {
          const issued = m.ballotsIssuedTo.includes(a.memberId);
          return (
            <View key={a.memberId} className="party-row" id={`door-${a.memberId}`}>
              <View>
                <Text className="party-name">{a.name}</Text>
                <Text className={`party-tag ${a.status === 'present' ? '' : 'party-tag-warn'}`}>{attendanceName[a.status]}</Text>
                {issued ? <Text className="party-tag">已领第{m.currentRound}轮选票</Text> : null}
              </View>
              <View className="party-actions">
                {a.status !== 'present' ? (
                  <Tap
                    id={`door-present-${a.memberId}`}
                    className="btn btn-secondary"
                    onTap={() => run(() => partyApi.attend(m.id, a.memberId, true), `${a.name}已到会`)}
                  >
                    到会
                  </Tap>
                ) : null}
                {a.status === 'unrecorded' || a.status === 'absent' ? (
                  <Tap
                    id={`door-leave-${a.memberId}`}
                    className="btn btn-secondary"
                    onTap={() => run(() => partyApi.attend(m.id, a.memberId, false, true), `${a.name}请假`)}
                  >
                    请假
                  </Tap>
                ) : null}
                {fixed && m.quorum.met && a.status === 'present' && !issued ? (
                  <Tap id={`door-ballot-${a.memberId}`} className="btn" onTap={() => run(() => partyApi.ballot(m.id, a.memberId), `已发给${a.name}选票`)}>
                    发选票
                  </Tap>
                ) : null}
              </View>
            </View>
          );
        })}
      </View>

      {r && last ? (
        <View className="card" id="meeting-count">
          <Text className="subtitle">计票</Text>
          <Text id="meeting-count-status" style={{ display: 'block' }}>
            第{last.n}轮：已发选票 {last.ballotsIssued} 张；
            {last.status === 'final'
              ? '两位计票人录入一致，计票完成。'
              : last.status === 'mismatch'
                ? '两位计票人录入不一致，请一起核对。'
                : `已有 ${last.entries} 位计票人录入。`}
          </Text>
          {r.complete ? (
            <Text id="meeting-elected" style={{ display: 'block', fontWeight: 'bold' }}>
              当选：
              {Object.entries(r.elected)
                .map(([p, list]) => `${postName[p as Post]} ${(list ?? []).map((e) => e.name).join('、')}`)
                .join('；')}
            </Text>
          ) : null}
          {last.status === 'final' && last.tie.length ? (
            <Tap id="meeting-round-tie" className="btn" onTap={() => run(() => partyApi.openRound(m.id, 'tie'), '票数相等的人选再次投票：请重新发放选票')}>
              就票数相等的人再次投票
            </Tap>
          ) : null}
          {last.status === 'final' && !last.tie.length && !r.complete ? (
            <Tap id="meeting-round-further" className="btn" onTap={() => run(() => partyApi.openRound(m.id, 'further'), '另行选举：请重新发放选票')}>
              对不足的名额另行选举
            </Tap>
          ) : null}
          {last.status === 'void' ? (
            <Tap id="meeting-round-repeat" className="btn" onTap={() => run(() => partyApi.openRound(m.id, 'repeat'), '本轮无效，重新投票')}>
              收回的选票多于发出的：重新投票
            </Tap>
          ) : null}
          <Tap id="meeting-results" className="btn btn-secondary" onTap={() => Taro.navigateTo({ url: `/party/results/index?id=${m.id}` })}>
            选举结果（可打印）
          </Tap>
        </View>
      ) : null}

      {m.kind === 'committee' && r?.complete ? (
        <View className="card" id="meeting-duties">
          <Text className="subtitle">支部委员分工</Text>
          {m.assignments.map((a) => (
            <Text key={`${a.memberId}-${a.duty}`} style={{ display: 'block' }}>
              {a.name}：{a.label ?? dutyName[a.duty]}
            </Text>
          ))}
          {m.attendance
            .filter((a) => !Object.values(r.elected).some((list) => list?.some((e) => e.memberId === a.memberId)))
            .filter((a) => !m.assignments.some((x) => x.memberId === a.memberId))
            .map((a) => (
              <View key={a.memberId} className="party-row">
                <Text className="party-name">{a.name}</Text>
                <View className="party-actions">
                  {(['organization', 'propaganda', 'discipline'] as const).map((d) => (
                    <Tap
                      key={d}
                      id={`duty-${d}-${a.memberId}`}
                      className="btn btn-secondary"
                      onTap={() => run(() => partyApi.assign(m.id, a.memberId, d), `${a.name}任${dutyName[d]}`)}
                    >
                      {dutyName[d]}
                    </Tap>
                  ))}
                </View>
              </View>
            ))}
        </View>
      ) : null}
    </Page>
  );
}
