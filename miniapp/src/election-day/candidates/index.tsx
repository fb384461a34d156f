import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { messageOf } from '../../api/client';
import { ErrorBox, Field, Loading, SuccessBox, Tap } from '../../components/ui';
import { type CandidateList, edApi, type FoundVoter, type Seat, seatName, seatOrder, useElection } from '../api';
import '../election-day.css';

/** Committee: candidates per seat from the registered voters, in ballot order; publish the list. */
export default function CandidatesPage() {
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const election = useElection(setError);
  const [list, setList] = useState<CandidateList | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<FoundVoter[] | null>(null);
  const [seat, setSeat] = useState<Seat>('members');

  const reload = (id: string) =>
    edApi
      .candidates(id)
      .then(setList)
      .catch((e: unknown) => setError(messageOf(e)));
  useEffect(() => {
    if (election) reload(election.id);
  }, [election?.id]);
  if (!election) return <View className="page">{error ? <ErrorBox id="cand-error" message={error} /> : <Loading />}</View>;

  const ok = (m: string) => {
    setFound(null);
    setNotice(m);
    setError('');
    reload(election.id);
  };
  const fail = (e: unknown) => {
    setError(messageOf(e));
    setNotice('');
  };
  const search = () => {
    if (!q.trim()) return setError('请输入选民姓名。');
    edApi
      .findVoters(election.id, q.trim())
      .then((r) => {
        setFound(r.items);
        setError(r.items.length ? '' : '选民名单上没有这个名字。');
      })
      .catch(fail);
  };
  const seats = seatOrder.filter((s) => election.seats[s] > 0);
  return (
    <View className="page">
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
                  edApi
                    .addCandidate(election.id, v.residentId, seat)
                    .then(() => ok(`已添加${v.name}为${seatName[seat]}候选人。`))
                    .catch(fail)
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
                      edApi
                        .removeCandidate(election.id, c.id)
                        .then(() => ok(`已删除${c.name}。`))
                        .catch(fail)
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
            edApi
              .publishCandidates(election.id)
              .then((n) => ok(`已公布：${n.title}`))
              .catch(fail)
          }
        >
          公布候选人名单
        </Tap>
      ) : null}
    </View>
  );
}
