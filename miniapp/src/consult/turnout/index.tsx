import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { ErrorBox, Loading, Page } from '../../components/ui';
import '../consult.css';
import { consultApi } from '../api';

/**
 * 谁还没答: the leader's group (the office: every group) with how many answered and, for those
 * who have not, their household and a 上门代填 button that opens the answer page for them.
 */
export default function TurnoutPage() {
  const id = useRouter().params.id ?? '';
  const loaded = useLoad(() => consultApi.turnout(id), { filters: [id] });
  const t = loaded.data;
  if (!t) return <Page>{loaded.error ? <ErrorBox id="turnout-error" message={loaded.error} onRetry={() => void loaded.reload()} /> : <Loading />}</Page>;
  const unit = t.per === 'household' ? '户' : '人';
  return (
    <Page id="consult-turnout">
      <View className="card">
        <Text className="h2">{t.title}</Text>
        <Text className="text">下面是还没回答的{t.per === 'household' ? '户里的人' : '人'}。没有手机的，上门念给他听，点“代填”。</Text>
      </View>
      {t.groups.map((g) => (
        <View key={g.groupId} className="card" id={`turnout-${g.groupId}`}>
          <Text className="h2">{g.groupName}</Text>
          <Text className="stat-value">
            {g.answered} / {g.audience} {unit}
          </Text>
          <View className="cs-bar-track">
            <View className="cs-bar cs-bar-group" style={{ width: `${g.audience ? Math.round((g.answered / g.audience) * 100) : 0}%` }} />
          </View>
          <Text className="muted">还有 {g.waiting.length} 人没答</Text>
          {g.waiting.slice(0, 200).map((p) => (
            <View key={p.residentId} className="cs-person">
              <View>
                <Text className="text" style={{ display: 'block' }}>
                  {p.name}
                </Text>
                {p.household ? <Text className="muted">{p.household}</Text> : null}
              </View>
              <Button
                id={`enter-for-${p.residentId}`}
                className="btn btn-secondary"
                style={{ width: 'auto', marginTop: 0, padding: '0 32px' }}
                onClick={() => Taro.navigateTo({ url: `/consult/answer/index?id=${t.id}&for=${p.residentId}&name=${encodeURIComponent(p.name)}` })}
              >
                代填
              </Button>
            </View>
          ))}
        </View>
      ))}
    </Page>
  );
}
