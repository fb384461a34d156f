import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaTime, type Notice } from '../api/notices';

/** One notice in a list: a button that opens it, with its category, time and 未读. */
export function NoticeItem({ notice: n }: { notice: Notice }) {
  const label = `${n.read === false ? '未读，' : ''}${n.categoryName}：${n.title}，${chinaTime(n.publishAt)}`;
  return (
    <View className="card">
      <Button
        id={`notice-${n.id}`}
        className="btn btn-secondary notice-item"
        style={{ marginTop: 0, textAlign: 'left' }}
        ariaLabel={label}
        onClick={() => Taro.navigateTo({ url: `/notices/detail/index?id=${n.id}` })}
      >
        {n.read === false ? '【未读】' : ''}
        {n.title}
      </Button>
      <Text className="hint">
        {n.categoryName} · {chinaTime(n.publishAt)}
      </Text>
    </View>
  );
}
