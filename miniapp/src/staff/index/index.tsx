import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

const entries = [
  { id: 'staff-queue', label: '办事队列', hint: '受理、回复、办结居民的事项', url: '/staff/queue/index' },
  { id: 'staff-residents', label: '待审核居民', hint: '核对居民认证申请', url: '/staff/residents/index' },
  { id: 'staff-file-for', label: '代居民办事', hint: '替没有手机的居民提交办事申请（代办）', url: '/staff/file-for/index' },
  { id: 'staff-resident-new', label: '窗口登记居民', hint: '为没有手机的居民登记', url: '/staff/resident-new/index' },
  { id: 'staff-dashboard', label: '数据看板', hint: '各类事项办理情况和满意度', url: '/staff/dashboard/index' },
];

export default function StaffHome() {
  return (
    <View className="page">
      {entries.map((e) => (
        <View key={e.id} className="card" style={{ marginTop: '16px' }}>
          <Button id={e.id} className="btn" style={{ marginTop: 0 }} onClick={() => Taro.navigateTo({ url: e.url })}>
            {e.label}
          </Button>
          <Text className="hint">{e.hint}</Text>
        </View>
      ))}
    </View>
  );
}
