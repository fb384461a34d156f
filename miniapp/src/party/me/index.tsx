import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { dateZh, meetingName, type Post, partyApi, postName, statusName } from '../api';
import '../party.css';

/** A member's own entry, the meetings' notices (date, what is elected, the candidates) and their results. */
export default function PartyMePage() {
  const me = useLoad(partyApi.me);
  const d = me.data;
  if (!d) return <Page>{me.error ? <ErrorBox id="party-me-error" message={me.error} /> : <Loading />}</Page>;
  const m = d.member;
  return (
    <Page id="party-me">
      <View className="card" id="party-me-entry">
        <Text className="title">{m.name}</Text>
        <Text style={{ display: 'block' }}>
          {statusName[m.status]}，{dateZh(m.admittedOn)}入党{m.fullOn ? `，${dateZh(m.fullOn)}转正` : ''}
        </Text>
        <Text className="hint">{m.hasVote ? '有表决权、选举权和被选举权。' : '预备党员和留党察看期间的党员没有表决权、选举权和被选举权。'}</Text>
      </View>
      {d.meetings.map((x) => (
        <View key={x.id} className="card" id={`party-me-meeting-${x.id}`}>
          <Text className="subtitle">
            {dateZh(x.date)} {meetingName[x.kind]}
          </Text>
          <Text style={{ display: 'block' }}>应选：{(Object.keys(x.seats) as Post[]).map((p) => `${postName[p]}${x.seats[p]}名`).join('，')}</Text>
          {x.candidates.length ? (
            <Text style={{ display: 'block' }}>候选人：{x.candidates.map((c) => c.name).join('、')}</Text>
          ) : (
            <Text className="hint">候选人名单还没有确定。</Text>
          )}
          {x.complete ? (
            <Text style={{ display: 'block', fontWeight: 'bold' }}>当选：{x.elected.map((e) => `${e.name}（${postName[e.post as Post]}）`).join('、')}</Text>
          ) : null}
          {x.myRole === 'counter' ? (
            <Tap id={`party-me-tally-${x.id}`} className="btn btn-secondary" onTap={() => Taro.navigateTo({ url: `/party/tally/index?id=${x.id}` })}>
              我是计票人：录入计票
            </Tap>
          ) : null}
        </View>
      ))}
    </Page>
  );
}
