import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { getToken } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { isPublisher } from '../../api/labels';
import { chinaTime, noticesApi } from '../../api/notices';
import { useSession } from '../../api/session';
import { ErrorBox, Link, Loading, Page } from '../../components/ui';

export default function NoticeDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const loaded = useLoad(() => noticesApi.get(id), { onShow: false });
  const notice = loaded.data ?? null;
  const error = loaded.error;

  useDidShow(() => {
    if (!getToken()) {
      void Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent(`/notices/detail/index?id=${id}`)}` });
      return;
    }
    void loaded.reload();
  });
  const roles = useSession().me?.account.roles;
  const publisher = isPublisher(roles);
  const leader = !!roles?.some((r) => r.role === 'group_leader');

  return (
    <Page>
      <ErrorBox id="notice-error" message={error} />
      {!notice && !error ? <Loading /> : null}
      {notice ? (
        <View className="card">
          <Text id="notice-title" className="title">
            {notice.title}
          </Text>
          <Text className="muted">
            {notice.categoryName} · {notice.published === false ? '定时发布：' : ''}
            {chinaTime(notice.publishAt)} · {notice.authorName}
          </Text>
          <Text id="notice-body" className="body-text" style={{ whiteSpace: 'pre-wrap', display: 'block', marginTop: '12px' }}>
            {notice.body}
          </Text>
          {notice.anchor ? (
            // The code printed on the paper notice, set apart from the text and large enough to read out.
            <View id="notice-anchor" style={{ marginTop: '20px', paddingTop: '12px', borderTop: '1px solid #d0d4da' }}>
              <Text className="text">
                核验码 <Text style={{ fontWeight: 'bold', letterSpacing: '2px' }}>{notice.anchor.code}</Text>（第{notice.anchor.seq}条记录）
              </Text>
              <Text className="muted">可在“公告核验”页输入核验码，查验这份公告与选举记录是否一致。</Text>
              <Link id="notice-verify" onTap={() => void Taro.navigateTo({ url: `/notices/verify/index?code=${notice.anchor!.code}` })}>
                核验此公告
              </Link>
            </View>
          ) : null}
        </View>
      ) : null}
      {notice && publisher ? (
        <Button id="notice-report" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: `/notices/report/index?id=${id}` })}>
          查看送达情况
        </Button>
      ) : null}
      {notice && leader && notice.published !== false ? (
        <Button id="notice-not-reached" className="btn btn-secondary" onClick={() => Taro.navigateTo({ url: `/notices/not-reached/index?id=${id}` })}>
          本组没收到消息的居民
        </Button>
      ) : null}
    </Page>
  );
}
