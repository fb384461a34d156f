import { Text, View } from '@tarojs/components';
import { isCommittee } from '../../../../functions/_shared/roles';
import { useLoad } from '../../api/hooks';
import { useSession } from '../../api/session';
import { ErrorBox, Loading, Page, Tap } from '../../components/ui';
import { electionDayApi, go, useElection } from '../api';
import '../election-day.css';

/** Election day's front door: what the caller can do today, by who they are. */
export default function ElectionDayIndex() {
  const { election, error } = useElection();
  const committee = isCommittee(useSession().me?.account.roles);
  const id = election?.id;
  // Without it the page just offers what everyone may do.
  const myRole = useLoad(async () => (id ? (await electionDayApi.officials(id)).me : null), { onShow: false, filters: [id] }).data ?? null;

  const q = election ? `?e=${election.id}` : '';
  const item = (key: string, text: string, url: string) => (
    <Tap key={key} id={`ed-go-${key}`} className="ed-menu" role="link" onTap={() => go(url + q)}>
      {text}
    </Tap>
  );
  return (
    <Page>
      <ErrorBox id="ed-error" message={error} />
      {election === undefined && !error ? <Loading /> : null}
      {election === null ? (
        <View className="card">
          <Text className="text">目前没有安排选举。</Text>
        </View>
      ) : null}
      {election ? (
        <View>
          <View className="card">
            <Text className="h2">{election.title}</Text>
            <Text className="text">选举日：{election.electionDay}</Text>
            {myRole ? <Text className="ed-good">您是本次选举的{myRole.roleName}</Text> : null}
          </View>
          {committee ? (
            <View id="ed-committee">
              <Text className="muted">选举委员会</Text>
              {item('fix-candidates', '确定正式候选人（按提名票数）', '/candidate-nominations/committee/index')}
              {item('candidates', '候选人名单', '/election-day/candidates/index')}
              {item('officials', '计票、监票和发票人员', '/election-day/officials/index')}
              {item('ballot', '打印选票', '/election-day/ballot/index')}
              {item('cards', '打印选民证', '/election-day/cards/index')}
            </View>
          ) : null}
          {committee || myRole?.role === 'clerk' ? item('desk', '发票处（发放选票）', '/election-day/desk/index') : null}
          {myRole?.role === 'counter' ? item('tally', '录入计票结果', '/election-day/tally/index') : null}
          {item('results', committee ? '选举结果（公布结果）' : '选举结果和当选证书', '/election-day/results/index')}
        </View>
      ) : null}
    </Page>
  );
}
