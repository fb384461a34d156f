import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isCommittee } from '../../../../functions/_shared/roles';
import { useLoad, useSubmit } from '../../api/hooks';
import { useSession } from '../../api/session';
import { ErrorBox, Loading, SuccessBox, Tap } from '../../components/ui';
import { edApi, go, seatName, seatOrder, useElection } from '../api';
import '../election-day.css';

const statusWords = { counting: '正在计票', mismatch: '两位计票员的结果不一致，正在核对', final: '计票结果已确认' } as const;

/**
 * The results board: turnout, validity and each seat's elected, ties and runoff, the audit
 * chain's head hash (to match a printed result with the record), certificates of the elected.
 * The committee also sees both counters' entries side by side and publishes the results.
 */
export default function ResultsPage() {
  const [notice, setNotice] = useState('');
  const { election, error: electionError } = useElection();
  // Fresh each time the board is shown (the count may have moved on).
  const results = useLoad(async () => (election ? edApi.results(election.id) : undefined), { filters: [election?.id] });
  const publishing = useSubmit(edApi.publishResults);
  const r = results.data;
  const error = electionError || results.error || publishing.error;
  const committee = isCommittee(useSession().me?.account.roles);
  if (!election || !r) return <View className="page">{error ? <ErrorBox id="results-error" message={error} /> : <Loading />}</View>;
  const [a, b] = r.entries ?? [];
  const differs = (x: number | undefined, y: number | undefined) => a && b && x !== y;

  return (
    <View className="page">
      <ErrorBox id="results-error" message={error} />
      <SuccessBox id="results-notice" message={notice} />
      <View className="card" id="results-summary">
        <Text className="h2">{r.title}</Text>
        <View>
          <Text className={r.status === 'final' ? 'ed-good' : 'ed-warn'} id="results-status">
            {r.status === 'counting' && r.ballotsIssued === 0 ? `还没有开始投票（选举日：${r.electionDay}）` : statusWords[r.status]}
          </Text>
        </View>
        <Text className="text">
          选民{r.registered}人，发出选票{r.ballotsIssued}张{r.ballotsCast !== null ? `，收回${r.ballotsCast}张，废票${r.invalidBallots}张` : ''}。
        </Text>
        {r.valid === true ? <View className="ed-good">参加投票的选民超过半数，选举有效。</View> : null}
        {r.valid === false ? <View className="ed-warn">参加投票的选民未超过半数，选举无效。</View> : null}
      </View>
      {r.status === 'final'
        ? seatOrder
            .filter((s) => r.seats[s])
            .map((s) => {
              const o = r.seats[s]!;
              return (
                <View key={s} className="card" id={`results-seat-${s}`}>
                  <Text className="ed-seat-title">{seatName[s]}</Text>
                  {o.elected.length === 0 ? <Text className="text">无人当选</Text> : null}
                  {o.elected.map((c) => (
                    <View key={c.name} className="ed-row">
                      <Text className="ed-grow ed-good">
                        当选：{c.name}（{c.votes}票）
                      </Text>
                      {c.candidateId ? (
                        <Tap
                          id={`results-cert-${c.candidateId}`}
                          className="ed-small-btn"
                          role="link"
                          label={`${c.name}的当选证书`}
                          onTap={() => go(`/election-day/certificate/index?e=${election.id}&c=${c.candidateId}`)}
                        >
                          当选证书
                        </Tap>
                      ) : null}
                    </View>
                  ))}
                  {o.tie.length ? (
                    <Text className="ed-warn">
                      票数相等，需就{o.tieSeats}个名额再次投票：{o.tie.map((c) => `${c.name}（${c.votes}票）`).join('、')}
                    </Text>
                  ) : null}
                  {o.runoffSeats ? (
                    <Text className="ed-warn">
                      另行选举{o.runoffSeats}名，候选人：{o.runoff.map((c) => `${c.name}（${c.votes}票）`).join('、')}（得票不少于投票人数的三分之一始得当选）
                    </Text>
                  ) : null}
                </View>
              );
            })
        : null}
      {r.entries?.length ? (
        <View className="card" id="results-entries">
          <Text className="h2">计票录入对照</Text>
          <View className="ed-row">
            <Text className="ed-grow" />
            {r.entries.map((e) => (
              <Text key={e.id} className="ed-grow">
                {e.counterName}
              </Text>
            ))}
          </View>
          {[
            ['收回选票', a?.ballotsCast, b?.ballotsCast],
            ['废票', a?.invalidBallots, b?.invalidBallots],
            ...r.candidates.map((c) => [c.name, a?.votes[c.id], b?.votes[c.id]] as const),
          ].map(([label, x, y]) => (
            <View key={String(label)} className={`ed-row ${differs(x as number, y as number) ? 'ed-cell-diff' : ''}`}>
              <Text className="ed-grow">{label}</Text>
              <Text className="ed-grow">{x ?? '—'}</Text>
              {b ? <Text className="ed-grow">{y ?? '—'}</Text> : null}
            </View>
          ))}
          {(r.entries ?? []).some((e) => e.writeIns.length) ? (
            <Text className="muted">
              另选：
              {r.entries.map((e) => `${e.counterName}：${e.writeIns.map((w) => `${seatName[w.seat]}${w.name}${w.votes}票`).join('、') || '无'}`).join('；')}
            </Text>
          ) : null}
        </View>
      ) : null}
      <View className="card" id="results-audit">
        <Text className="muted">选举记录链当前位置：第{r.auditHead.seq}条</Text>
        <Text className="ed-hash" id="results-head">
          {r.auditHead.hash}
        </Text>
        {r.published ? (
          <View>
            <Text className="muted">结果公布时：第{r.published.auditHead.seq}条 </Text>
            <Text className="ed-hash">{r.published.auditHead.hash}</Text>
          </View>
        ) : null}
      </View>
      {r.published ? (
        <View className="notice-box" id="results-published">
          选举结果已于{r.published.publishAt.slice(0, 10)}公布。
        </View>
      ) : committee && r.status === 'final' ? (
        <Tap
          id="results-publish"
          className="btn"
          onTap={async () => {
            const n = await publishing.submit(election.id);
            if (!n) return;
            setNotice(`已公布：${n.title}`);
            void results.reload();
          }}
        >
          公布选举结果
        </Tap>
      ) : null}
    </View>
  );
}
