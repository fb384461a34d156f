import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { isCommittee, isStaff } from '../../api/labels';
import { useSession } from '../../api/session';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { type ConsultationList, consultApi, stateName, whenZh } from '../api';
import '../consult.css';

type Item = ConsultationList['items'][number];

/**
 * 征求意见: what the community is asking now (answer it), and what it asked before (the results).
 * The office also builds new ones and opens the review report; a group leader enters answers at
 * the door and sees whom in the group to visit.
 */
export default function ConsultationsPage() {
  const roles = useSession().me?.account.roles;
  const office = isStaff(roles) || isCommittee(roles);
  const loaded = useLoad(consultApi.list);
  const items = loaded.data?.items ?? [];
  const open = items.filter((c) => c.state === 'open');
  const upcoming = items.filter((c) => c.state === 'upcoming');
  const closed = items.filter((c) => c.state === 'closed');
  return (
    <Page id="consult-list">
      <ErrorBox id="consult-error" message={loaded.error} onRetry={() => void loaded.reload()} />
      {office ? (
        <View className="card">
          <Button id="consult-new" className="btn" onClick={() => Taro.navigateTo({ url: '/consult/new/index' })}>
            发起征求意见
          </Button>
          <Button
            id="consult-new-satisfaction"
            className="btn btn-secondary"
            onClick={() => Taro.navigateTo({ url: '/consult/new/index?template=satisfaction' })}
          >
            用满意度模板（回头看）
          </Button>
          {isCommittee(roles) || isStaff(roles) ? (
            <Button id="consult-review" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/consult/review/index' })}>
              回头检视报告
            </Button>
          ) : null}
        </View>
      ) : null}
      {!loaded.data && !loaded.error ? <Loading /> : null}
      {loaded.data && !items.length ? (
        <View className="card">
          <Text className="text">现在没有要征求的意见。</Text>
        </View>
      ) : null}
      {open.length ? <Text className="title">正在征求意见</Text> : null}
      {open.map((c) => (
        <Card key={c.id} c={c} office={office} />
      ))}
      {upcoming.length ? <Text className="title">还没开始</Text> : null}
      {upcoming.map((c) => (
        <Card key={c.id} c={c} office={office} />
      ))}
      {closed.length ? <Text className="title">已经结束</Text> : null}
      {closed.map((c) => (
        <Card key={c.id} c={c} office={office} />
      ))}
    </Page>
  );
}

function Card({ c, office }: { c: Item; office: boolean }) {
  const go = (url: string) => Taro.navigateTo({ url });
  return (
    <View className="card" id={`consult-${c.id}`}>
      <Text className="h2">{c.title}</Text>
      <Text className="text">{c.purpose}</Text>
      <Text className="muted">
        {stateName[c.state]}：{whenZh(c.opensAt)} 到 {whenZh(c.closesAt)}
        {c.anonymous ? '，不记名' : ''}
        {c.per === 'household' ? '，每户答一份' : ''}
      </Text>
      {c.state === 'open' && c.inAudience ? (
        <Button id={`consult-answer-${c.id}`} className="btn" onClick={() => go(`/consult/answer/index?id=${c.id}`)}>
          {c.answered ? '已回答，点这里修改' : '我来回答'}
        </Button>
      ) : null}
      {c.state === 'open' && c.canEnterForOthers ? (
        <Button id={`consult-turnout-${c.id}`} className="btn btn-secondary" onClick={() => go(`/consult/turnout/index?id=${c.id}`)}>
          {office ? '各组参与情况、上门代填' : '本组谁还没答（上门代填）'}
        </Button>
      ) : null}
      {c.state === 'closed' || office ? (
        <Button id={`consult-results-${c.id}`} className="btn btn-secondary" onClick={() => go(`/consult/results/index?id=${c.id}`)}>
          {c.state === 'closed' ? '看结果' : '看目前的结果'}
        </Button>
      ) : null}
    </View>
  );
}
