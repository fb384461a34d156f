import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { getToken } from '../../api/client';
import { communityApi } from '../../api/community';
import { useLoad } from '../../api/hooks';
import { noticesApi } from '../../api/notices';
import { useSession } from '../../api/session';
import { NoticeItem } from '../../components/notice-item';
import { Page } from '../../components/ui';

export default function HomePage() {
  const leader = !!useSession().me?.account.roles.some((r) => r.role === 'group_leader');
  const signedIn = !!getToken();
  const loadedCommunity = useLoad(communityApi.community);
  const loadedHealth = useLoad(communityApi.health);
  const loadedNotices = useLoad(async () => (getToken() ? noticesApi.list({ limit: 3 }) : null));
  const community = loadedCommunity.data ?? null;
  const communityError = loadedCommunity.error;
  const health = loadedHealth.data ?? null;
  const healthError = loadedHealth.error;
  const notices = loadedNotices.data ?? null;
  const noticesError = loadedNotices.error;
  const retry = () => {
    void loadedNotices.reload();
    void loadedCommunity.reload();
    void loadedHealth.reload();
  };

  return (
    <Page>
      <View className="card">
        <Text id="community-name" className="title">
          {community ? community.name : communityError ? '社区信息暂时无法显示' : '正在加载…'}
        </Text>
        {community?.region ? <Text className="muted">{community.region}</Text> : null}
        {community?.households || community?.population ? (
          <Text className="muted">
            {community.households ? `${community.households} 户` : ''}
            {community.households && community.population ? ' · ' : ''}
            {community.population ? `${community.population} 人` : ''}
          </Text>
        ) : null}
      </View>

      <View className="card" id="health">
        {health?.ok ? (
          <Text id="health-status" className="ok-line">
            ● 服务正常
          </Text>
        ) : health || healthError ? (
          <Text id="health-status" className="bad-line">
            ● 服务暂时不可用{healthError ? `：${healthError}` : ''}
          </Text>
        ) : null}
        {(health && !health.ok) || healthError || communityError ? (
          <Button id="home-retry" className="btn btn-secondary" onClick={retry}>
            重试
          </Button>
        ) : null}
        {health || healthError ? null : (
          <Text id="health-status" className="muted">
            正在检查服务…
          </Text>
        )}
        {health?.wechat === 'stand-in' ? (
          <Text id="wechat-stand-in" className="notice-box">
            开发环境：微信接口为本地模拟
          </Text>
        ) : null}
      </View>

      <View className="card" id="home-notices">
        <Text className="h2">最新公告{notices && notices.unread > 0 ? `（${notices.unread} 条未读）` : ''}</Text>
        {!signedIn ? <Text className="muted">登录后可以看社区公告。</Text> : null}
        {noticesError ? <Text className="bad-line">{noticesError}</Text> : null}
        {notices?.items.length === 0 ? <Text className="muted">还没有公告。</Text> : null}
      </View>
      {notices?.items.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
      {signedIn ? (
        <Button id="home-all-notices" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/notices/list/index' })}>
          全部公告
        </Button>
      ) : null}

      <View className="card">
        <Text className="h2">您要做什么？</Text>
        {leader ? (
          <Button id="home-group" className="btn" onClick={() => Taro.navigateTo({ url: '/group/index/index' })}>
            我的小组（组长）
          </Button>
        ) : null}
        <Button id="home-service" className="btn" onClick={() => Taro.switchTab({ url: '/pages/service/index' })}>
          去办事（便民服务）
        </Button>
        <Button id="home-my-requests" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: '/service/list/index' })}>
          查看我办的事
        </Button>
        <Button id="home-me" className="btn btn-secondary" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
          登录 / 我的信息
        </Button>
      </View>
    </Page>
  );
}
