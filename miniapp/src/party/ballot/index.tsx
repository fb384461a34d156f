import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { platform } from '../../platform';
import { dateZh, meetingName, type Post, partyApi, postName } from '../api';
import '../party.css';

/**
 * The paper ballot of the current round, one A4: per candidate three boxes (赞成 ○, 不赞成 ×,
 * 弃权 leave blank), a line for another name per seat, and the rule that a ballot with more
 * 赞成 than seats is invalid.
 */
export default function PartyBallotPage() {
  const id = useRouter().params.id ?? '';
  const results = useLoad(() => partyApi.results(id), { filters: [id] });
  const r = results.data;
  const round = r?.rounds.at(-1);
  if (!r || !round) return <Page>{results.error ? <ErrorBox id="ballot-error" message={results.error} /> : <Loading />}</Page>;
  const posts = (Object.keys(round.seats) as Post[]).filter((p) => (round.seats[p] ?? 0) > 0);
  return (
    <Page id="party-ballot">
      <View className="no-print">
        <Tap id="ballot-print" className="btn" onTap={() => platform.printPage()}>
          打印选票（A4）
        </Tap>
      </View>
      <View className="party-paper" id="ballot-sheet">
        <View className="party-paper-title">
          {meetingName[r.kind]}选票{round.n > 1 ? `（第${round.n}轮）` : ''}
        </View>
        <Text style={{ display: 'block' }}>
          填写说明：赞成的在“赞成”格内画“○”，不赞成的在“不赞成”格内画“×”，弃权的不画。不赞成的可以另选他人，在空行写上姓名并在“赞成”格内画“○”。
        </Text>
        <Text id="ballot-rule" style={{ display: 'block', fontWeight: 'bold' }}>
          每张选票所选人数多于应选人数的，为无效票。
        </Text>
        {posts.map((p) => (
          <View key={p} style={{ marginTop: '10px' }}>
            <Text style={{ display: 'block', fontWeight: 'bold' }}>
              {postName[p]}（应选{round.seats[p]}名）
            </Text>
            <View className="party-ballot-line">
              <Text className="party-ballot-name">姓名</Text>
              <Text className="party-ballot-box">赞成</Text>
              <Text className="party-ballot-box">不赞成</Text>
              <Text className="party-ballot-box">弃权</Text>
            </View>
            {round.contenders
              .filter((c) => c.post === p && !c.writeIn)
              .map((c) => (
                <View key={c.candidateId ?? c.name} className="party-ballot-line">
                  <Text className="party-ballot-name">{c.name}</Text>
                  <View className="party-ballot-box" />
                  <View className="party-ballot-box" />
                  <View className="party-ballot-box" />
                </View>
              ))}
            {Array.from({ length: round.seats[p] ?? 0 }, (_, i) => (
              <View key={`w${i}`} className="party-ballot-line">
                <Text className="party-ballot-name">另选他人：</Text>
                {/* Its mark goes under 赞成, as for a listed name. */}
                <View className="party-ballot-box" />
                <View className="party-ballot-box party-ballot-blank" />
                <View className="party-ballot-box party-ballot-blank" />
              </View>
            ))}
          </View>
        ))}
        <Text style={{ display: 'block', marginTop: '6mm' }}>{dateZh(r.date)}　无记名投票</Text>
      </View>
    </Page>
  );
}
