import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { getToken } from '../../api/client';
import { usePaged } from '../../api/hooks';
import { serviceApi } from '../../api/service-requests';
import { RequestList } from '../../components/request-list';
import { ErrorBox, Loading, Page } from '../../components/ui';

export default function MyRequests() {
  const requests = usePaged((after) => serviceApi.list({ cursor: after }), { onShow: false });
  const { items, error } = requests;
  useDidShow(() => {
    if (!getToken()) {
      void Taro.redirectTo({ url: `/auth/login/index?redirect=${encodeURIComponent('/service/list/index')}` });
      return;
    }
    void requests.reload();
  });

  return (
    <Page>
      <ErrorBox id="requests-error" message={error} />
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 && !error ? (
        <View className="card">
          <Text className="empty">您还没有办过事。</Text>
          <Button className="btn" onClick={() => Taro.switchTab({ url: '/pages/service/index' })}>
            去办事
          </Button>
        </View>
      ) : null}
      <RequestList items={items} href={(id) => `/service/detail/index?id=${id}`} cursor={requests.cursor} onMore={requests.more} />
    </Page>
  );
}
