import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { platform } from '../../platform';
import { dateZh, meetingName, type Post, partyApi, postName, roundKindName } from '../api';
import '../party.css';

/**
 * The results sheet (选举结果), one A4: the figures of the door and of every round, each
 * candidate's 赞成 / 不赞成 / 弃权, and who is elected — yes-votes from more than half of those
 * entitled to attend. Signed by the counters and monitors on paper.
 */
export default function PartyResultsPage() {
  const id = useRouter().params.id ?? '';
  const results = useLoad(() => partyApi.results(id), { filters: [id] });
  const r = results.data;
  if (!r) return <Page>{results.error ? <ErrorBox id="results-error" message={results.error} /> : <Loading />}</Page>;
  const half = Math.floor(r.entitled / 2) + 1;
  return (
    <Page id="party-results">
      <View className="no-print">
        <Tap id="results-print" className="btn" onTap={() => platform.printPage()}>
          打印选举结果（A4）
        </Tap>
      </View>
      <View className="party-paper" id="results-sheet">
        <View className="party-paper-title">
          {dateZh(r.date)}
          {meetingName[r.kind]}选举结果
        </View>
        <Text id="results-door" style={{ display: 'block' }}>
          应到会有选举权的党员 {r.entitled} 人，实到 {r.present} 人，请假 {r.onLeave} 人；{r.quorum.met ? '超过五分之四，会议有效' : '未超过五分之四'}。
          当选须得赞成票超过应到会人数的一半，即至少 {half} 票。
        </Text>
        {r.rounds.map((round) => (
          <View key={round.n} id={`results-round-${round.n}`} style={{ marginTop: '12px' }}>
            <Text style={{ display: 'block', fontWeight: 'bold' }}>
              第{round.n}轮 {roundKindName[round.kind]}：发出选票 {round.ballotsIssued} 张，收回 {round.ballotsCast ?? '—'} 张，无效{' '}
              {round.invalidBallots ?? '—'} 张{round.status === 'final' ? '' : round.status === 'void' ? '（收回多于发出，本轮无效）' : '（正在计票）'}
            </Text>
            {round.contenders.map((c) => (
              <View key={`${c.candidateId}-${c.name}`} className="party-row">
                <Text>
                  {c.name}（{postName[c.post as Post]}）{c.writeIn ? ' 另选' : ''}
                </Text>
                <Text>
                  赞成 {c.yes}　不赞成 {c.no}　弃权 {c.abstain}
                  {round.elected.some((e) => e.name === c.name && e.post === c.post) ? '　当选' : ''}
                </Text>
              </View>
            ))}
          </View>
        ))}
        <View id="results-elected" style={{ marginTop: '16px', fontWeight: 'bold' }}>
          {Object.entries(r.elected).map(([p, list]) => (
            <Text key={p} style={{ display: 'block' }}>
              当选{postName[p as Post]}：{(list ?? []).map((e) => `${e.name}（${e.yes}票）`).join('、')}
            </Text>
          ))}
          {!r.complete ? <Text style={{ display: 'block' }}>还有名额没有选出。</Text> : null}
        </View>
        <Text style={{ display: 'block', marginTop: '24px' }}>计票人（签名）：</Text>
        <Text style={{ display: 'block', marginTop: '16px' }}>监票人（签名）：</Text>
      </View>
    </Page>
  );
}
