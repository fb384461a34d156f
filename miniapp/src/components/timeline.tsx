import { Text, View } from '@tarojs/components';
import { formatTime, serviceStatusName } from '../api/labels';
import type { ServiceEvent } from '../api/types';
import { PhotoGrid } from './photo-grid';

/** The timeline as sentences a resident reads ("张三 受理了这件事"), not a system log. */
const statusSentence: Partial<Record<string, string>> = {
  accepted: '受理了这件事',
  in_progress: '开始办理',
  resolved: '办好了这件事',
  rejected: '说明社区办不了，原因：',
};

function describe(e: ServiceEvent): string {
  switch (e.type) {
    case 'submitted':
      return '提交了申请';
    case 'status':
      return e.status ? (statusSentence[e.status] ?? `把状态改为「${serviceStatusName[e.status] ?? e.status}」`) : '更新了状态';
    case 'reply':
      return '说：';
    case 'rating':
      return '评价了办理结果';
    case 'reopened':
      return '重新打开了这件事';
    case 'assigned':
      return '安排了办理人：';
    default:
      return e.status ? `状态：${serviceStatusName[e.status] ?? e.status}` : '';
  }
}

/** The history of one service request, oldest first, as a simple vertical line of entries. */
/** `refusalShownAbove`: the page already shows the refusal's reason (and where to go), once is enough. */
export function Timeline({ events, refusalShownAbove }: { events: ServiceEvent[]; refusalShownAbove?: boolean }) {
  if (events.length === 0) return <Text className="muted">还没有记录。</Text>;
  return (
    <View id="timeline" className="timeline">
      {events.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`timeline-item timeline-${e.type}`} data-testid={`event-${e.type}`}>
          <View className="timeline-dot" />
          <View className="timeline-body">
            <Text className="muted">{formatTime(e.at)}</Text>
            <Text className="text">
              <Text style={{ fontWeight: 'bold' }}>{e.actorName ?? ''}</Text>{' '}
              {refusalShownAbove && e.type === 'status' && e.status === 'rejected' ? '说明社区办不了（原因见上面）' : describe(e)}
            </Text>
            {e.body && !(refusalShownAbove && e.type === 'status' && e.status === 'rejected') ? <Text className="timeline-text">{e.body}</Text> : null}
            {e.photos?.length ? <PhotoGrid id={`event-photos-${i}`} photos={e.photos} /> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
