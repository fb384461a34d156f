import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isCommittee } from '../../../../functions/_shared/roles';
import { useLoad, useSubmit } from '../../api/hooks';
import { useSession } from '../../api/session';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Field, Loading, Page, SuccessBox, Tap } from '../../components/ui';
import { electionDayApi, type FoundVoter, go, type RoundResult, roundTitle, seatName, seatOrder, useElection } from '../api';
import '../election-day.css';

const statusWords = { counting: '正在计票', mismatch: '两位计票员的结果不一致，正在核对', final: '计票结果已确认' } as const;
const roundStatusWords: Record<RoundResult['status'], string> = {
  counting: '正在投票、计票',
  mismatch: '两位计票员的结果不一致，正在核对',
  matching: '计票一致，等选举委员会核对另选人',
  final: '计票结果已确认',
  void: '收回的选票多于发出的，这一轮投票无效',
};
const nextButton = { match: '', further: '开始另行选举', tie: '就票数相等的人再次投票', repeat: '重新投票', rerun: '重新投票' } as const;
const roundKindOf = { further: 'further', tie: 'tie', repeat: 'repeat', rerun: 'repeat' } as const;

/** One write-in of an agreed count: the committee finds the voter of that name, or records nobody eligible. */
function WriteInMatch({ electionId, w, onDone }: { electionId: string; w: RoundResult['writeIns'][number]; onDone: () => void }) {
  const [q, setQ] = useState(w.name);
  const [found, setFound] = useState<FoundVoter[] | null>(null);
  const searching = useSubmit((name: string) => electionDayApi.findVoters(electionId, name));
  const matching = useSubmit((body: { residentId: string } | { notEligible: true }) => electionDayApi.matchWriteIn(electionId, w.id, body));
  const match = async (body: { residentId: string } | { notEligible: true }) => {
    if (await matching.submit(body)) onDone();
  };
  return (
    <View className="ed-stack" id={`writein-${w.id}`}>
      <Text className="text">
        另选“{w.name}”（{seatName[w.seat]}，{w.votes}票）是谁？
      </Text>
      <Field
        id={`writein-${w.id}-q`}
        label="在选民名单中查找"
        value={q}
        onChange={setQ}
        onSubmit={() => void searching.submit(q).then((r) => r && setFound(r.items))}
      />
      <Tap id={`writein-${w.id}-search`} className="ed-small-btn" onTap={() => void searching.submit(q).then((r) => r && setFound(r.items))}>
        查找
      </Tap>
      {found?.length === 0 ? <Text className="muted">选民名单上没有这个名字。</Text> : null}
      {(found ?? []).map((v) => (
        <View key={v.residentId} className="ed-row">
          <Text className="ed-grow">
            {v.name}（{v.groupName}）
          </Text>
          <Tap
            id={`writein-${w.id}-pick-${v.residentId}`}
            className="ed-small-btn"
            label={`票算给${v.name}`}
            onTap={() => void match({ residentId: v.residentId })}
          >
            是这个人
          </Tap>
        </View>
      ))}
      <Tap
        id={`writein-${w.id}-none`}
        className="link"
        onTap={() =>
          void confirmFirst({
            title: `“${w.name}”不是本次选举的选民？`,
            content: `这${w.votes}票将不计入任何人。确认后不能再改。`,
            confirmText: '不计入',
            danger: true,
          }).then(async (ok) => {
            if (ok) await match({ notEligible: true });
          })
        }
      >
        不是选民名单上的人，这些票不计入任何人
      </Tap>
      <ErrorBox id={`writein-${w.id}-error`} message={searching.error || matching.error} />
    </View>
  );
}

/** A round after the main vote, or the main vote when there were more: its figures and outcome. */
function RoundCard({ r, registered }: { r: RoundResult; registered: number }) {
  return (
    <View className="card" id={`results-round-${r.n}`}>
      <View className="ed-stack">
        <Text className="ed-seat-title">{roundTitle(r)}</Text>
        <Text className={r.status === 'final' ? 'ed-good' : 'ed-warn'}>{roundStatusWords[r.status]}</Text>
        <Text className="text">
          选民{registered}人，发出选票{r.ballotsIssued}张{r.ballotsCast !== null ? `，收回${r.ballotsCast}张` : ''}
          {r.invalidBallots !== null && r.status !== 'void' ? `，废票${r.invalidBallots}张` : ''}。
        </Text>
        {r.valid === false ? <Text className="ed-warn">参加投票的选民未超过半数，这一轮无效。</Text> : null}
        {r.elected.map((c) => (
          <Text key={`${c.seat}-${c.name}`} className="ed-good">
            {seatName[c.seat]}当选：{c.name}（{c.votes}票）
          </Text>
        ))}
        {r.tie.length ? <Text className="ed-warn">票数相等：{r.tie.map((c) => `${c.name}（${c.votes}票）`).join('、')}</Text> : null}
        {r.status === 'final' && r.valid && r.elected.length === 0 ? <Text className="text">这一轮无人当选</Text> : null}
      </View>
    </View>
  );
}

/**
 * The results board: turnout, validity and each seat's elected, ties and runoff, the audit
 * chain's head hash (to match a printed result with the record), certificates of the elected.
 * The committee also sees both counters' entries side by side and publishes the results.
 */
export default function ResultsPage() {
  const [notice, setNotice] = useState('');
  const { election, error: electionError } = useElection();
  // Fresh each time the board is shown (the count may have moved on).
  const results = useLoad(async () => (election ? electionDayApi.results(election.id) : undefined), { filters: [election?.id] });
  const publishing = useSubmit(electionDayApi.publishResults);
  const opening = useSubmit(electionDayApi.openRound);
  const r = results.data;
  const error = electionError || results.error || publishing.error || opening.error;
  const committee = isCommittee(useSession().me?.account.roles);
  if (!election || !r) return <Page>{error ? <ErrorBox id="results-error" message={error} /> : <Loading />}</Page>;
  const latest = r.rounds.at(-1);
  const [a, b] = r.entries ?? [];
  const differs = (x: number | undefined, y: number | undefined) => a && b && x !== y;

  return (
    <Page>
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
      {r.rounds.length > 1 ? r.rounds.map((x) => <RoundCard key={x.n} r={x} registered={r.registered} />) : null}
      {committee && !r.published && r.next.length ? (
        <View className="card" id="results-next">
          <Text className="h2">接下来要做</Text>
          {r.next.map((step) => (
            <View key={`${step.kind}-${step.seat}`} className="ed-stack" id={`results-next-${step.kind}-${step.seat ?? 'all'}`}>
              <Text className="ed-warn">{step.text}</Text>
              {step.kind === 'match' && latest
                ? latest.writeIns
                    .filter((w) => !w.residentId && !w.notEligible)
                    .map((w) => <WriteInMatch key={w.id} electionId={election.id} w={w} onDone={() => void results.reload()} />)
                : null}
              {step.kind !== 'match' ? (
                <Tap
                  id={`results-open-${step.kind}-${step.seat ?? 'all'}`}
                  className="btn"
                  onTap={async () => {
                    const what = `${nextButton[step.kind]}${step.seat ? `（${seatName[step.seat]}）` : ''}`;
                    const ok = await confirmFirst({ title: `${what}？`, content: '开始后，发票处按新一轮发放选票，两位计票员重新录入。', confirmText: '开始' });
                    if (!ok) return;
                    const round = await opening.submit(election.id, {
                      kind: roundKindOf[step.kind as keyof typeof roundKindOf],
                      ...(step.seat ? { seat: step.seat } : {}),
                    });
                    if (!round) return;
                    setNotice(`第${round.n}轮已开始：请发票处发放第${round.n}轮选票。`);
                    void results.reload();
                  }}
                >
                  {nextButton[step.kind]}
                  {step.seat ? `（${seatName[step.seat]}）` : ''}
                </Tap>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      {r.rounds.length > 1 || r.status === 'final'
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
                      {/* Certificates only once the results are published: they are read from what was announced. */}
                      {c.candidateId && r.published ? (
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
          <Text className="h2">计票录入对照{latest && latest.n > 1 ? `（第${latest.n}轮）` : ''}</Text>
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
            // The rows of the round being counted: its ballot's names only.
            ...(latest?.ballot ?? r.candidates).map((c) => [c.name, a?.votes[c.id], b?.votes[c.id]] as const),
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
      {r.notes && r.notes.length > 0 ? (
        <View className="card" id="results-notes">
          <Text className="h2">依照法律要说明的</Text>
          {r.notes.map((n) => (
            <Text key={n} className="text">
              {n}
            </Text>
          ))}
        </View>
      ) : null}
      {r.anchor ? (
        <View className="card" id="results-anchor">
          <Text className="h2">核验码</Text>
          <Text className="ed-code" id="results-anchor-code">
            {r.anchor.code}
          </Text>
          <Text className="muted">张贴的选举结果公告上印有这个核验码，任何人都可以在“公告核验”页输入查验。</Text>
        </View>
      ) : null}
      {/* The record's full head is the committee's tool; residents and the paper carry the short check code above. */}
      {committee ? (
        <View className="card" id="results-audit">
          <Text className="muted">选举记录（委员会核对用）：第{r.auditHead.seq}条</Text>
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
      ) : null}
      {r.published ? (
        <View className="notice-box" id="results-published">
          选举结果已于{r.published.publishAt.slice(0, 10)}公布。
        </View>
      ) : committee && r.status === 'final' ? (
        <Tap
          id="results-publish"
          className="btn"
          onTap={async () => {
            const ok = await confirmFirst({ title: '公布选举结果？', content: '公布后结果即固定，不能再修改，并通知订阅的居民。', confirmText: '公布' });
            if (!ok) return;
            const n = await publishing.submit(election.id);
            if (!n) return;
            setNotice(`已公布：${n.title}`);
            void results.reload();
          }}
        >
          公布选举结果
        </Tap>
      ) : null}
    </Page>
  );
}
