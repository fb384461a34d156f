import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useLoad, useSubmit } from '../../api/hooks';
import { formatTime } from '../../api/labels';
import { noticesApi } from '../../api/notices';
import { CallButton } from '../../components/call-button';
import { ErrorBox, Loading, Page, toastDone } from '../../components/ui';

/**
 * A group leader's list: the people of their group the notice did not reach on WeChat, those a
 * visit is for (the election's voters, or adults), with the house to go to, a call button (the
 * number shown only to the group's leader, each time recorded) and 已告知 once told.
 */
export default function NotReachedPage() {
  const { params } = useRouter();
  const noticeId = params.id ?? '';
  const loaded = useLoad(() => noticesApi.notReached(noticeId));
  const [markingId, setMarkingId] = useState('');
  const marking = useSubmit(noticesApi.markInformed);
  const data = loaded.data ?? null;
  const error = loaded.error || marking.error;
  const left = data?.items.filter((r) => !r.informed).length ?? 0;

  const mark = async (residentId: string, name: string) => {
    setMarkingId(residentId);
    const done = await marking.submit(noticeId, residentId);
    setMarkingId('');
    if (!done) return;
    toastDone(`已记下：${name}已告知`);
    await loaded.reload();
  };

  return (
    <Page>
      <ErrorBox id="not-reached-error" message={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <View className="card">
          <Text className="title">{data.notice.title}</Text>
          <Text id="not-reached-count" className="h2">
            {data.group.name}：{data.items.length} 人没收到，还有 {left} 人没告知
          </Text>
          <Text className="hint">微信没能通知到他们。请上门或打电话告诉他们这条公告，告知后点“已告知”记下来。</Text>
          {data.items.length === 0 ? <Text className="empty">本组的人都收到了。</Text> : null}
        </View>
      ) : null}
      {data?.items.map((r) => (
        <View key={r.residentId} className="card" id={`not-reached-${r.residentId}`}>
          <Text className="h2">{r.name}</Text>
          <Text className="text">
            {r.householdLabel ? `住：${r.householdLabel}` : '没有登记住址'} · {r.reasonText}
          </Text>
          <CallButton id={`call-${r.residentId}`} residentId={r.residentId} name={r.name} purpose={`notice_not_reached:${noticeId}`} />
          {r.informed ? (
            <Text className="ok-line" id={`informed-${r.residentId}`}>
              ✓ 已告知（{formatTime(r.informed.at)}，{r.informed.byName}）
            </Text>
          ) : (
            <Button
              id={`inform-${r.residentId}`}
              className="btn btn-secondary"
              disabled={marking.busy || undefined}
              onClick={() => void mark(r.residentId, r.name)}
            >
              {markingId === r.residentId ? '正在记下…' : `已告知${r.name}`}
            </Button>
          )}
        </View>
      ))}
    </Page>
  );
}
