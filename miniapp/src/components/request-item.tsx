import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatTime } from '../api/labels';
import type { ServiceRequestSummary } from '../api/types';
import { StatusTag, Tap } from './ui';

/** "还剩 2 天" / "超时 1 天" / "今天到期" from the deadline of the step the request waits for. */
export function daysLeft(dueAt: string | null | undefined, now = Date.now()): { text: string; late: boolean } | null {
  if (!dueAt) return null;
  const ms = Date.parse(dueAt) - now;
  if (Number.isNaN(ms)) return null;
  const days = Math.ceil(Math.abs(ms) / 86_400_000);
  if (ms < 0) return { text: `超时 ${days} 天`, late: true };
  if (ms < 86_400_000) return { text: '今天到期', late: false };
  return { text: `还剩 ${days} 天`, late: false };
}

export function RequestItem({ item, url, staffView }: { item: ServiceRequestSummary; url: string; staffView?: boolean }) {
  const left = staffView ? daysLeft(item.dueAt) : null;
  return (
    <Tap id={`request-${item.id}`} role="link" className="list-item request-item" onTap={() => Taro.navigateTo({ url })}>
      <View className="row">
        <Text className="muted">{item.categoryName ?? item.categoryCode}</Text>
        <View>
          <StatusTag status={item.status} />
          {item.overdue ? <Text className="tag tag-overdue">超时</Text> : null}
        </View>
      </View>
      <Text className="h2" style={{ marginBottom: 0 }}>
        {item.title}
      </Text>
      {staffView ? (
        <View className="queue-meta">
          {item.residentName ? <Text className="meta">{item.residentName}</Text> : null}
          {item.groupName ? <Text className="meta">{item.groupName}</Text> : null}
          {item.onBehalf ? <Text className="meta">代办</Text> : null}
          {left ? <Text className={`meta ${left.late ? 'meta-late' : ''}`}>{left.text}</Text> : null}
        </View>
      ) : null}
      <Text className="muted">
        {!staffView && item.residentName ? `${item.residentName} · ` : ''}
        {formatTime(item.createdAt)} 提交 · 点击查看 ›
      </Text>
    </Tap>
  );
}
