import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDate, daysBetween } from '../../../functions/_shared/china-time';
import { formatTime } from '../api/labels';
import type { ServiceRequestSummary } from '../api/types';
import { StatusTag, Tap } from './ui';

/**
 * How long the step the request waits for still has, counted in China-time calendar days from
 * its own deadline: 「今天要受理」 for a request filed this morning only when its acceptance is
 * really due today (a request filed at 10:00 with a day to accept says 明天), and for a request
 * being handled 「还剩 3 天办好」. Late: 「超时 1 天」.
 */
export function daysLeft(dueAt: string | null | undefined, status?: string, now = Date.now()): { text: string; late: boolean } | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const verb = status === 'submitted' ? '受理' : '办好';
  if (due < now) return { text: `超时 ${Math.max(1, daysBetween(chinaDate(new Date(due)), chinaDate(new Date(now))))} 天`, late: true };
  const days = daysBetween(chinaDate(new Date(now)), chinaDate(new Date(due)));
  if (days === 0) return { text: `今天要${verb}`, late: false };
  if (days === 1) return { text: `明天要${verb}`, late: false };
  return { text: `还剩 ${days} 天${verb}`, late: false };
}

/** A title taken from the start of the description says so with an ellipsis, not cut mid-sentence. */
function shownTitle(item: ServiceRequestSummary): string {
  const description = item.description?.replace(/\s+/g, ' ').trim() ?? '';
  return description.length > item.title.length && description.startsWith(item.title) ? `${item.title}…` : item.title;
}

export function RequestItem({ item, url, staffView }: { item: ServiceRequestSummary; url: string; staffView?: boolean }) {
  const left = staffView ? daysLeft(item.dueAt, item.status) : null;
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
        {shownTitle(item)}
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
