import { Text, View } from '@tarojs/components';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { electionDayApi, seatName, seatOrder, useElection } from '../api';
import '../election-day.css';
import { platform } from '../../platform';

/** The rule printed on every ballot (each seat's column is void when more names are marked than seats). */
const RULE = '每栏所选人数多于应选人数的，该栏作废';

/**
 * The paper ballot (选票), one A4 sheet: each seat with its candidates in the fixed order (stroke
 * order of surnames unless the committee fixed another), a blank line to write in another
 * person, and the rule. Printed from the PC browser.
 */
export default function BallotPage() {
  const { election, error: electionError } = useElection();
  const candidates = useLoad(async () => (election ? electionDayApi.candidates(election.id) : undefined), { onShow: false, filters: [election?.id] });
  const list = candidates.data;
  const error = electionError || candidates.error;
  if (!election || !list) return <Page>{error ? <ErrorBox id="ballot-error" message={error} /> : <Loading />}</Page>;
  const seats = seatOrder.filter((s) => election.seats[s] > 0);
  return (
    <Page>
      <View className="no-print">
        <ErrorBox id="ballot-error" message={error} />
        {!list.published ? <View className="notice-box">候选人名单还没有公布，这是样票。</View> : null}
        <Tap
          id="ballot-print"
          className="btn"
          onTap={() => {
            platform.printPage();
          }}
        >
          打印选票（A4）
        </Tap>
      </View>
      <View className="ed-paper ed-ballot-sheet" id="ballot-sheet">
        <View className="ed-ballot-title">{election.title}选票</View>
        <View className="ed-ballot-rule">
          <View>
            <Text>填写说明：同意的在候选人姓名右边方格内画“○”；另选他人的，在空行写上姓名并画“○”。</Text>
          </View>
          <View>
            <Text id="ballot-rule" style={{ fontWeight: 'bold' }}>
              {RULE}。
            </Text>
          </View>
        </View>
        {seats.map((s) => (
          <View key={s} className="ed-ballot-seat" id={`ballot-seat-${s}`}>
            <Text className="ed-ballot-seat-title">
              {seatName[s]}（应选{election.seats[s]}名，最多选{election.seats[s]}人）
            </Text>
            {list.items
              .filter((c) => c.seat === s)
              .map((c) => (
                <View key={c.id} className="ed-ballot-line">
                  <Text className="ed-ballot-name">{c.name}</Text>
                  <View className="ed-ballot-box" />
                </View>
              ))}
            {/* One blank line per seat: a voter may write in as many others as there are seats. */}
            {Array.from({ length: election.seats[s] }, (_, i) => (
              <View key={`w${i}`} className="ed-ballot-line">
                <Text className="ed-ballot-writein">另选他人：</Text>
                <View className="ed-ballot-box" />
              </View>
            ))}
          </View>
        ))}
        <View className="ed-ballot-note">
          <Text>选举日：{election.electionDay}　无记名投票，请在秘密写票处填写；需要代写的请到代写处。</Text>
        </View>
      </View>
    </Page>
  );
}
