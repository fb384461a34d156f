import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatTime } from '../api/labels';
import type { ServiceRequestSummary } from '../api/types';
import { StatusTag, Tap } from './ui';

export function RequestItem({ item, url }: { item: ServiceRequestSummary; url: string }) {
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
      <Text className="muted">
        {item.residentName ? `${item.residentName} · ` : ''}
        {formatTime(item.createdAt)} 提交 · 点击查看 ›
      </Text>
    </Tap>
  );
}
