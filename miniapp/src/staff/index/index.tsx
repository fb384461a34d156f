import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isCommittee, isStaff } from '../../api/labels';
import { useSession } from '../../api/session';
import { Page } from '../../components/ui';

const entries = [
  { id: 'staff-compose-notice', label: '发布公告', hint: '写公告、预览、马上或定时发布，给订阅的居民发微信消息', url: '/notices/compose/index' },
  { id: 'staff-notices', label: '公告与送达情况', hint: '看已发布的公告，谁没收到消息', url: '/notices/list/index' },
  { id: 'staff-queue', label: '办事队列', hint: '受理、回复、办结居民的事项', url: '/staff/queue/index', staffOnly: true },
  { id: 'staff-residents', label: '待审核居民', hint: '核对居民认证申请', url: '/staff/residents/index', staffOnly: true },
  { id: 'staff-file-for', label: '代居民办事', hint: '替没有手机的居民提交办事申请（代办）', url: '/staff/file-for/index', staffOnly: true },
  { id: 'staff-resident-new', label: '窗口登记居民', hint: '为没有手机的居民登记', url: '/staff/resident-new/index', staffOnly: true },
  { id: 'staff-password', label: '忘记密码：重设', hint: '核对身份证后，给居民一个临时密码', url: '/staff/password/index', staffOnly: true },
  { id: 'staff-consult', label: '征求意见', hint: '发起征求意见、看结果和各组参与；回头检视报告', url: '/consult/list/index' },
  { id: 'staff-dashboard', label: '数据看板', hint: '各类事项办理情况和满意度', url: '/staff/dashboard/index', staffOnly: true },
  {
    id: 'staff-election',
    label: '选举工作',
    hint: '创建选举、登记选民、确认居民代表、导出名单（选举委员会）',
    url: '/election/manage/index',
    committeeOnly: true,
  },
  { id: 'staff-people', label: '人员与角色', hint: '任命组长、工作人员和选举委员（管理员）', url: '/staff/people/index', adminOnly: true },
  {
    id: 'staff-party',
    label: '党支部工作',
    hint: '党员名册、成立请示、党员大会和支委会选举、向乡党委报告（党支部组织员）',
    url: '/party/index/index',
    partyOnly: true,
  },
];

export default function StaffHome() {
  // Each entry as the server gates its routes: a committee member alone does not work the window.
  const roles = useSession().me?.account.roles;
  const admin = !!roles?.some((r) => r.role === 'admin');
  const committee = isCommittee(roles);
  const staff = isStaff(roles);
  const party = !!roles?.some((r) => r.role === 'party_organizer');
  return (
    <Page id="staff-home" className="page-wide">
      <Text className="title">工作台</Text>
      <View className="staff-grid">
        {entries
          .filter((e) => admin || !('adminOnly' in e))
          .filter((e) => committee || !('committeeOnly' in e))
          .filter((e) => staff || !('staffOnly' in e))
          .filter((e) => party || !('partyOnly' in e))
          .map((e) => (
            <View key={e.id} className="card" style={{ marginTop: '16px' }}>
              <Button id={e.id} className="btn" style={{ marginTop: 0 }} onClick={() => Taro.navigateTo({ url: e.url })}>
                {e.label}
              </Button>
              <Text className="hint">{e.hint}</Text>
            </View>
          ))}
      </View>
      <Button id="staff-me" className="btn btn-secondary" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
        我的（大字模式、退出登录）
      </Button>
    </Page>
  );
}
