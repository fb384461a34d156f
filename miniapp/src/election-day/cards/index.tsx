import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { electionDayApi, useElection } from '../api';
import '../election-day.css';
import { platform } from '../../platform';

/**
 * Voter cards (选民证) to print and hand out door to door: name, group, election and a QR code
 * that opens the voter's record at the ballot desk. `?r=` shows one voter's card.
 */
export default function CardsPage() {
  const { election, error: electionError } = useElection();
  const one = useRouter().params.r;
  const loaded = useLoad(
    async () => {
      if (!election) return undefined;
      return one ? [await electionDayApi.voterCard(election.id, one)] : (await electionDayApi.voterCards(election.id)).items;
    },
    { onShow: false, filters: [election?.id, one] },
  );
  const cards = loaded.data;
  const error = electionError || loaded.error;
  if (!cards) return <Page>{error ? <ErrorBox id="cards-error" message={error} /> : <Loading />}</Page>;
  return (
    <Page>
      <View className="no-print">
        <Tap
          id="cards-print"
          className="btn"
          onTap={() => {
            platform.printPage();
          }}
        >
          打印选民证（{cards.length}张）
        </Tap>
      </View>
      <View className="ed-paper ed-cards">
        {cards.map((c) => (
          <View key={c.residentId} className="ed-card" id={`card-${c.residentId}`} data-desk-url={c.deskUrl}>
            <Image className="ed-card-qr" src={c.qrImage} ariaLabel={`${c.name}的选民证二维码`} />
            <View>
              <Text className="ed-card-label">选民证</Text>
              <View>
                <Text className="ed-card-name">{c.name}</Text>
              </View>
              <View>
                <Text>{c.groupName}</Text>
              </View>
              <View>
                <Text className="ed-card-small">{c.electionTitle}</Text>
              </View>
              <View>
                <Text className="ed-card-small">选举日：{c.electionDay}　凭证到发票处领取选票</Text>
              </View>
              <View className="ed-card-anchor">
                <Text className="ed-card-small">
                  核验码 {c.anchor.code}（第{c.anchor.seq}条记录）
                </Text>
              </View>
              <View>
                <Text className="ed-card-small">可在“公告核验”页输入核验码查验</Text>
              </View>
            </View>
          </View>
        ))}
      </View>
    </Page>
  );
}
