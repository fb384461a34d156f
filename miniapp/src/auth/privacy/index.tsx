import { Text, View } from '@tarojs/components';
import { Page } from '../../components/ui';

const sections: { title: string; body: string }[] = [
  {
    title: '我们收集什么',
    body: '手机号（登录、工作人员联系您）；姓名、身份证号、所在居民小组（核对居民身份、登记选民）；您提交的办事内容和评价；微信登录时的微信标识（不含聊天记录、好友等）。',
  },
  {
    title: '为什么收集',
    body: '只为办理社区事务：便民服务窗口的事项办理、居民身份认证、居委会选举和委托投票、发送您订阅的公告提醒。',
  },
  {
    title: '怎么保护',
    body: '身份证号加密保存，页面上只显示前 4 位和后 4 位；低保、救助等敏感事项只有负责的工作人员能看到；选举相关操作都有记录，不能被悄悄修改。',
  },
  {
    title: '谁能看到',
    body: '本社区负责办理的工作人员和选举委员会。我们不会把您的信息卖给或交给其他单位，法律规定的情况除外。',
  },
  {
    title: '您的权利',
    body: '您可以随时退出登录；如需查看、更正或删除个人信息，请到社区服务窗口或联系工作人员。',
  },
];

export default function PrivacyPage() {
  return (
    <Page>
      {sections.map((s) => (
        <View key={s.title} className="card">
          <Text className="h2">{s.title}</Text>
          <Text className="text">{s.body}</Text>
        </View>
      ))}
    </Page>
  );
}
