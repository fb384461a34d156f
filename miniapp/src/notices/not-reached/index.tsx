import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useLoad } from '../../api/hooks';
import { getNotReached } from '../../api/notices';
import { ErrorBox, Loading, Page } from '../../components/ui';

/** A group leader's list: the people of their group the notice did not reach on WeChat. */
export default function NotReachedPage() {
  const { params } = useRouter();
  const { data, error } = useLoad(() => getNotReached(params.id ?? ''));
  return (
    <Page>
      <ErrorBox id="not-reached-error" message={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <View className="card">
          <Text className="title">{data.notice.title}</Text>
          <Text id="not-reached-count" className="h2">
            {data.group.name}：{data.items.length} 人没收到
          </Text>
          <Text className="hint">请上门或打电话告诉他们这条公告。</Text>
          {data.items.length === 0 ? <Text className="empty">本组的人都收到了。</Text> : null}
          {data.items.map((r) => (
            <Text key={r.residentId} className="list-line" style={{ display: 'block' }}>
              {r.name}（{r.reasonText}）
            </Text>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
