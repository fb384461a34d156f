import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap } from '../../components/ui';
import { electionDayApi, type FoundVoter, type Seat, seatName, seatOrder, useElection } from '../api';
import '../election-day.css';
import { confirmFirst } from '../../components/a11y';

/** Committee: candidates per seat from the registered voters, in ballot order; publish the list. */
export default function CandidatesPage() {
  const [notice, setNotice] = useState('');
  const { election, error: electionError } = useElection();
  const candidates = useLoad(async () => (election ? electionDayApi.candidates(election.id) : undefined), { onShow: false, filters: [election?.id] });
  // One step at a time (a search, adding, removing, publishing); its failure in the page's box.
  const acting = useSubmit(async (step: () => Promise<void>) => {
    await step();
    return true;
  });
  const [q, setQ] = useState('');
  const [found, setFound] = useState<FoundVoter[] | null>(null);
  const [seat, setSeat] = useState<Seat>('members');
  const list = candidates.data ?? null;
  const error = electionError || candidates.error || acting.error;
  if (!election) return <Page>{error ? <ErrorBox id="cand-error" message={error} /> : <Loading />}</Page>;

  /** Runs a change of the list, then shows `done(answer)` and the list as it is now. */
  const change = <T,>(send: () => Promise<T>, done: (answer: T) => string) => {
    setNotice('');
    void acting.submit(async () => {
      const answer = await send();
      setFound(null);
      setNotice(done(answer));
      void candidates.reload();
    });
  };
  const search = () => {
    if (!q.trim()) return acting.setError('请输入选民姓名。');
    void acting.submit(async () => {
      const r = await electionDayApi.findVoters(election.id, q.trim());
      setFound(r.items);
      if (!r.items.length) acting.setError('选民名单上没有这个名字。');
    });
  };
  const seats = seatOrder.filter((s) => election.seats[s] > 0);
  return (
    <Page>
      <ErrorBox id="cand-error" message={error} />
      <SuccessBox id="cand-notice" message={notice} />
      {list?.published ? (
        <View className="notice-box">候选人名单已于{list.publishedAt?.slice(0, 10)}公布，不能再改动。</View>
      ) : (
        <View className="card" id="cand-add">
          <Text className="h2">添加候选人</Text>
          <View className="tabs" role="radiogroup" aria-label="竞选职位">
            {seats.map((s) => (
              <Tap
                key={s}
                id={`cand-seat-${s}`}
                role="radio"
                selected={seat === s}
                className={`tab ${seat === s ? 'tab-active' : ''}`}
                onTap={() => setSeat(s)}
              >
                {seatName[s]}
              </Tap>
            ))}
          </View>
          <Field id="cand-q" label="选民姓名" value={q} onChange={setQ} placeholder="输入姓名查找" />
          <Tap id="cand-search" className="btn" onTap={search}>
            查找选民
          </Tap>
          {(found ?? []).map((v) => (
            <View key={v.residentId} className="ed-row">
              <Text className="ed-grow">
                {v.name}（{v.groupName}）
              </Text>
              <Tap
                id={`cand-pick-${v.residentId}`}
                className="ed-small-btn"
                label={`把${v.name}列为${seatName[seat]}候选人`}
                onTap={() =>
                  change(
                    () => electionDayApi.addCandidate(election.id, v.residentId, seat),
                    () => `已添加${v.name}为${seatName[seat]}候选人。`,
                  )
                }
              >
                列为{seatName[seat]}候选人
              </Tap>
            </View>
          ))}
        </View>
      )}
      {seats.map((s) => {
        const items = (list?.items ?? []).filter((c) => c.seat === s);
        const need = election.seats[s] + (election.rules.candidateSurplus?.[s] ?? 0);
        return (
          <View key={s} className="card" id={`cand-list-${s}`}>
            <Text className="h2">
              {seatName[s]}（应选{election.seats[s]}名，候选人至少{need}名，现有{items.length}名）
            </Text>
            {items.length === 0 ? <Text className="empty">还没有候选人。</Text> : null}
            {items.map((c) => (
              <View key={c.id} className="ed-row" id={`cand-${c.id}`}>
                <View className="ed-grow">
                  <Text>
                    {c.name}（{c.groupName}）
                  </Text>
                  {c.proxyConflict ? <Text className="ed-warn">　接受了{c.proxiesHeld}份委托投票，不能作候选人</Text> : null}
                </View>
                {list?.published ? null : (
                  <Tap
                    id={`cand-remove-${c.id}`}
                    className="ed-small-btn ed-small-btn-danger"
                    label={`删除候选人${c.name}`}
                    onTap={() =>
                      change(
                        () => electionDayApi.removeCandidate(election.id, c.id),
                        () => `已删除${c.name}。`,
                      )
                    }
                  >
                    删除
                  </Tap>
                )}
              </View>
            ))}
          </View>
        );
      })}
      <Text className="muted">每个职位内按姓氏笔画排列，选票上也是这个顺序。</Text>
      {list && !list.published ? (
        <Tap
          id="cand-publish"
          className="btn"
          onTap={() =>
            void confirmFirst({
              title: '公布候选人名单？',
              content: '名单会作为选举公告发布，选票按它印制。公布后候选人、名额和选举规则都固定，不能再改。',
              confirmText: '公布',
            }).then((ok) => {
              if (ok)
                change(
                  () => electionDayApi.publishCandidates(election.id),
                  (n) => `已公布：${n.title}`,
                );
            })
          }
        >
          公布候选人名单
        </Tap>
      ) : null}
    </Page>
  );
}
